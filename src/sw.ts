import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { StaleWhileRevalidate } from "workbox-strategies";

declare const self: ServiceWorkerGlobalScope;

// Registered as /sw.js?msw=1 only by the demo build: then this worker also hosts MSW's.
// The MODE check is a build-time constant, so production workers hold no trace of the mock.
const hostsMock =
  import.meta.env.MODE === "demo" && new URL(self.location.href).searchParams.get("msw") === "1";

// 1. Workbox first, so its listeners run before MSW's.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Every route opens offline: navigations get the precached shell, which routes on the client.
registerRoute(new NavigationRoute(createHandlerBoundToURL("/index.html"), { denylist: [/^\/api\//] }));

// The app keeps its own offline state, so API answers are not cached here, except the
// public catalog, which is safe to show stale (served with Cache-Control: public).
const apiBase = new URL(`${import.meta.env.VITE_API_BASE ?? "/api/v1"}/`, self.location.origin);
const catalog = new Set(["regions", "centers"].map((path) => new URL(path, apiBase).href));
if (!hostsMock) {
  registerRoute(
    ({ url, request }) => request.method === "GET" && catalog.has(url.origin + url.pathname),
    new StaleWhileRevalidate({ cacheName: "jari-catalog" }),
  );
}

// Updates wait for the user's word (src/pwa/register.ts sends this when they agree).
self.addEventListener("message", (event) => {
  if ((event.data as { type?: unknown } | null)?.type === "SKIP_WAITING") void self.skipWaiting();
});

// Notifications (shown by src/platform): a tap brings the app forward at the page it names.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const data = event.notification.data as { url?: unknown } | null;
  const target = new URL(typeof data?.url === "string" ? data.url : "/", self.location.origin).href;
  event.waitUntil(focusOrOpen(target));
});

async function focusOrOpen(url: string): Promise<void> {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const same = windows.find((w) => w.url === url) ?? windows[0];
  if (same) {
    await same.focus();
    if (same.url !== url) await same.navigate(url).catch(() => undefined);
    return;
  }
  await self.clients.openWindow(url);
}

// 2. Demo only: guards that keep MSW's worker from defeating the PWA (see toolchain notes),
//    then MSW itself. importScripts must run during the worker's first evaluation.
if (hostsMock) {
  self.addEventListener("fetch", (event) => {
    const url = new URL(event.request.url);
    // MSW would answer everything else from the network before the precache could.
    if (url.origin !== self.location.origin || !url.pathname.startsWith("/api/")) {
      event.stopImmediatePropagation();
    }
  });
  // MSW calls skipWaiting() on install, which would defeat prompt-to-update.
  self.addEventListener("install", (event) => event.stopImmediatePropagation());
  // MSW unregisters itself (and so the app worker) when its last client closes.
  self.addEventListener("message", (event) => {
    if (event.data === "CLIENT_CLOSED") event.stopImmediatePropagation();
  });
  importScripts("/mockServiceWorker.js");
}
