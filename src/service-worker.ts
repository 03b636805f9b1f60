/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The offline shell. Precaches the built app and static files; navigations are network-first
 * with the last copy as fallback, so the console opens with no network once visited. API calls
 * are never answered from a cache: the app's own stores (IndexedDB) say how old their data is.
 * A new version waits until the agent chooses "Reload to update" (SKIP_WAITING), so an update
 * never reloads a page under someone typing.
 */
import { build, files, version } from '$service-worker';
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import type { WorkboxPlugin } from 'workbox-core';
import { showPush, openFromNotification } from './lib/client/sw/push-handlers';

declare const self: ServiceWorkerGlobalScope;

const PAGES = 'sb-pages';
const ROUTE_DATA = 'sb-route-data';

// Built files carry a content hash in their name; static files are versioned by the build.
precacheAndRoute([...build.map((url) => ({ url, revision: null })), ...files.filter((f) => !f.startsWith('/screenshots/')).map((url) => ({ url, revision: version }))]);
cleanupOutdatedCaches();

/** Keeps only real pages: never a redirect to the login page or an error. */
const onlyPages: WorkboxPlugin = {
  cacheWillUpdate: async ({ response }) => (response.status === 200 && !response.redirected ? response : null),
};
const pages = new NetworkFirst({ cacheName: PAGES, networkTimeoutSeconds: 6, plugins: [onlyPages, new ExpirationPlugin({ maxEntries: 60 })] });

registerRoute(
  new NavigationRoute(
    async (options) => {
      try {
        return await pages.handle(options);
      } catch {
        // Never visited this exact page: any console page is the same shell, and it routes itself.
        const cache = await caches.open(PAGES);
        return (await cache.match('/inbox', { ignoreSearch: true })) ?? (await cache.keys().then((keys) => (keys[0] ? cache.match(keys[0]) : undefined))) ?? Response.error();
      }
    },
    { denylist: [/^\/api\//, /^\/widget/, /^\/status/, /^\/healthz/] },
  ),
);

// Client-side navigations load route data from `__data.json`: the same rule as pages.
registerRoute(({ url, request }) => request.method === 'GET' && url.origin === self.location.origin && url.pathname.endsWith('/__data.json'), new NetworkFirst({
    cacheName: ROUTE_DATA,
    networkTimeoutSeconds: 6,
    // The query only says which loads to rerun (`x-sveltekit-invalidated`).
    matchOptions: { ignoreSearch: true },
    plugins: [onlyPages, new ExpirationPlugin({ maxEntries: 60 })],
  }));

/** The page that installed us was loaded before we controlled it: keep it for offline starts. */
async function cachePage(path: string) {
  const url = new URL(path, self.location.origin);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  // The console renders in the browser, so its layout data comes from `__data.json`, not the HTML.
  const data = new URL(url.pathname.replace(/\/?$/, '/__data.json'), url);
  for (const [target, cacheName] of [
    [url, PAGES],
    [data, ROUTE_DATA],
  ] as const) {
    const response = await fetch(target, { credentials: 'same-origin' });
    if (response.status === 200 && !response.redirected) await (await caches.open(cacheName)).put(target, response);
  }
}

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
  if (event.data?.type === 'CACHE_PAGE' && typeof event.data.url === 'string') event.waitUntil(cachePage(event.data.url).catch(() => undefined));
});

// Background Sync (where the browser has it): ask an open console to flush its outbox.
self.addEventListener('sync', (event) => {
  const e = event as ExtendableEvent & { tag?: string };
  if (e.tag !== 'switchboard-outbox') return;
  e.waitUntil(self.clients.matchAll({ type: 'window' }).then((windows) => windows.forEach((w) => w.postMessage({ type: 'FLUSH_OUTBOX' }))));
});

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('push', (event) => event.waitUntil(showPush(self, event.data)));
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openFromNotification(self, event.notification));
});
