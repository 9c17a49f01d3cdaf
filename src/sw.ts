import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { StaleWhileRevalidate } from "workbox-strategies";
import { type Lang, pickLang } from "./i18n/core.ts";
import { readSoon, savedLang } from "./sw-db.ts";
import { mayReplace, readTurnPayload, type TurnPayload, turnNotification, turnTag } from "./sw-push.ts";

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

// Your-turn Web Push (contract v1.1): a notification in the user's language. The payload only says
// "look now": the waiting room it opens reads the status, so the admission comes from the server.
self.addEventListener("push", (event) => {
  let json: unknown = null;
  try {
    json = event.data?.json();
  } catch {
    return; // not JSON: show nothing
  }
  const payload = readTurnPayload(json);
  if (payload) event.waitUntil(showTurn(payload).catch(() => undefined));
});

async function showTurn(payload: TurnPayload): Promise<void> {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  // An open page re-reads its status at once instead of waiting for its next (slow, hidden) poll.
  for (const w of windows) {
    w.postMessage({
      type: "jari-push",
      push: { type: payload.type, eventId: payload.eventId, ticketId: payload.ticketId },
    });
  }
  // A page opened later (from the notification, or by hand) reads the admission at once.
  if (payload.type === "admitted")
    await readSoon(payload.eventId, payload.ticketId, Date.now()).catch(() => undefined);
  const windowInFront = windows.some((w) => w.focused && w.visibilityState === "visible");
  const shown = turnNotification(payload, await preferredLang(), { windowInFront });
  if (!shown) return;
  if (payload.type === "near-front") {
    const existing = await self.registration.getNotifications({ tag: turnTag(payload.ticketId) });
    if (!mayReplace(existing)) return;
  }
  await self.registration.showNotification(shown.title, shown.options as NotificationOptions);
}

/** The user's language: the app's saved preference (IndexedDB), else the browser's, else Korean. */
async function preferredLang(): Promise<Lang> {
  const saved = await savedLang().catch(() => null);
  return pickLang(null, saved, self.navigator.languages ?? []);
}

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
