// The service worker (built by vite-plugin-pwa's injectManifest into /sw.js).
// - The app shell (the build's HTML, JS, CSS, icons) is precached; a navigation is answered
//   with the cached index.html, except for the server's own paths (API, accounts, admin, ...).
// - Weather reads go to the network first and fall back, after 3 s or offline, to the last
//   answer kept for that URL: the last forecast of each place stays readable offline.
// - config.js (each deployment serves its own) is read from the network, kept for offline;
//   the country flags are cached as they are shown.
// - Web Push: shows the alert the API sent and opens its page when clicked.
// A new version waits until the page asks it to take over (the "update available" prompt).
/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<string | { url: string; revision: string | null }>;
};

const WEATHER_CACHE = 'weather-reads';
const CONFIG_CACHE = 'runtime-config';
/** Paths the server answers itself: never the app shell, online or offline. */
const NOT_THE_SHELL = [
  /^\/api\//,
  /^\/_allauth\//,
  /^\/admin\//,
  /^\/static\//,
  /^\/robots\.txt$/,
  /^\/metrics/,
  /^\/healthz$/,
];
/** GET /api/v1/weather/ and a stored search (GET /api/v1/searches/<uuid>/), on any origin. */
const WEATHER_READ = /^\/api\/v1\/(?:weather\/|searches\/[0-9a-f-]{36}\/)$/i;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: NOT_THE_SHELL }));

registerRoute(
  ({ request, url }) => request.method === 'GET' && WEATHER_READ.test(url.pathname),
  new NetworkFirst({
    cacheName: WEATHER_CACHE,
    networkTimeoutSeconds: 3,
    // The API varies its answers on the session cookie and language; the URL holds the language.
    matchOptions: { ignoreVary: true },
    plugins: [
      new ExpirationPlugin({ maxEntries: 100, maxAgeSeconds: 14 * 24 * 3600 }),
      { cacheWillUpdate: async ({ response }) => (response.status === 200 ? response : null) },
    ],
  }),
);

// The country flags (assets/flags-<hash>/): never change under a name, kept as they are shown.
registerRoute(
  ({ url }) => url.origin === self.location.origin && /^\/assets\/.+\.svg$/.test(url.pathname),
  new CacheFirst({
    cacheName: 'images',
    plugins: [new ExpirationPlugin({ maxEntries: 300, maxAgeSeconds: 365 * 24 * 3600 })],
  }),
);

registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname === '/config.js',
  new NetworkFirst({ cacheName: CONFIG_CACHE, networkTimeoutSeconds: 3 }),
);

self.addEventListener('install', (event) => {
  // The page that registered us loaded config.js before we existed: keep a copy now.
  event.waitUntil(caches.open(CONFIG_CACHE).then((cache) => cache.add('/config.js')));
});

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// The first version controls the page that installed it at once (later ones wait).
clientsClaim();

type PushPayload = { title?: string; body?: string; url?: string; tag?: string };

function readPush(event: PushEvent): PushPayload {
  try {
    return (event.data?.json() as PushPayload | null) ?? {};
  } catch {
    return { body: event.data?.text() };
  }
}

self.addEventListener('push', (event) => {
  const payload = readPush(event);
  const url = payload.url?.startsWith('/') ? payload.url : '/';
  event.waitUntil(
    self.registration.showNotification(payload.title || 'Weather', {
      body: payload.body ?? '',
      tag: payload.tag,
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      data: { url },
    }),
  );
});

async function openOrFocus(path: string): Promise<void> {
  const target = new URL(path, self.location.origin).href;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((client) => client.url === target) ?? windows[0];
  if (open) {
    const focused = await open.focus();
    // navigate() works only for a page this worker controls; otherwise a new window.
    if (focused.url === target || (await focused.navigate(target).catch(() => null))) return;
  }
  await self.clients.openWindow(target);
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = (event.notification.data as { url?: string } | null)?.url ?? '/';
  event.waitUntil(openOrFocus(url.startsWith('/') ? url : '/'));
});
