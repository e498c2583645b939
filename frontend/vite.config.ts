/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { PWA_MANIFEST } from './src/features/app-install/web-manifest';
import { countryFlags } from './vite-country-flags';

export default defineConfig({
  plugins: [
    react(),
    countryFlags(),
    // The installable app: src/sw.ts (precache, offline reads, Web Push), its manifest.
    // Registered by src/features/app-install after the first paint, never here.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: PWA_MANIFEST,
      injectManifest: {
        // Each deployment serves its own config.js: the worker reads it from the network.
        // The ~250 country flags are cached as they are shown (src/sw.ts), not all at install.
        globPatterns: ['**/*.{js,css,html,svg,png}'],
        globIgnores: ['config.js', 'icons/apple-touch-icon-*.png', 'assets/flags-*/*.svg'],
      },
      devOptions: { enabled: false },
    }),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    // Read by scripts/check-bundle-size.mjs to know which chunks load first.
    manifest: true,
  },
  preview: {
    host: true,
    port: 4173,
    strictPort: true,
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/testing/setup-tests.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
