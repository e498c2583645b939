// Where the API lives, decided at runtime so one build serves both entry points:
// public/config.js (replaced by Nginx) may set an explicit base; otherwise we derive it.

export type RuntimeConfig = { apiBaseUrl?: string | null };

declare global {
  interface Window {
    __WEATHER_CONFIG__?: RuntimeConfig;
  }
}

/** The port `vite preview` serves on; there the API is on the same host, port 8000. */
export const DIRECT_PREVIEW_PORT = '4173';
export const DIRECT_API_PORT = '8000';

type PageLocation = Pick<Location, 'protocol' | 'hostname' | 'port'>;

/**
 * Returns the API origin without a trailing slash; '' means same origin (relative `/api/`).
 * An explicit string always wins, so Nginx and the e2e build can pin it.
 */
export function resolveApiBaseUrl(config: RuntimeConfig | undefined, page: PageLocation): string {
  const explicit = config?.apiBaseUrl;
  if (typeof explicit === 'string') return explicit.replace(/\/+$/, '');
  if (page.port === DIRECT_PREVIEW_PORT) {
    return `${page.protocol}//${page.hostname}:${DIRECT_API_PORT}`;
  }
  return '';
}

export const env = {
  apiBaseUrl: resolveApiBaseUrl(window.__WEATHER_CONFIG__, window.location),
} as const;
