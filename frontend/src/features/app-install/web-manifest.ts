// The web app manifest (manifest.webmanifest), written by vite-plugin-pwa at build time.
// Colours: the theme's accent (address bar, splash) and the light background.
import type { ManifestOptions } from 'vite-plugin-pwa';

export const THEME_COLOUR = '#1a5bb8';
export const BACKGROUND_COLOUR = '#f3f5f9';

export const PWA_MANIFEST: Partial<ManifestOptions> = {
  id: '/',
  name: 'Weather',
  short_name: 'Weather',
  description: 'Current weather, 48-hour and 7-day forecasts for any city.',
  lang: 'en',
  dir: 'ltr',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  orientation: 'any',
  theme_color: THEME_COLOUR,
  background_color: BACKGROUND_COLOUR,
  categories: ['weather'],
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};
