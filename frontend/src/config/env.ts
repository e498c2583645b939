// Where the API lives. Each deployment states it in the runtime /config.js it serves, so one
// build serves every entry point: nginx says same origin (""), the SPA served on its own
// says the API's origin. Nothing is guessed from the page's address.

export type RuntimeConfig = { apiBaseUrl?: string | null };

declare global {
  interface Window {
    __WEATHER_CONFIG__?: RuntimeConfig;
  }
}

/** The API origin without a trailing slash; '' means same origin (relative `/api/`). */
export function resolveApiBaseUrl(config: RuntimeConfig | undefined): string {
  const base = config?.apiBaseUrl;
  if (typeof base !== 'string') {
    // A deployment that forgot its config.js: say so, then try the page's own origin.
    console.error('config.js sets no apiBaseUrl in window.__WEATHER_CONFIG__; calling the API on this origin.');
    return '';
  }
  return base.replace(/\/+$/, '');
}

export const env = {
  apiBaseUrl: resolveApiBaseUrl(window.__WEATHER_CONFIG__),
} as const;
