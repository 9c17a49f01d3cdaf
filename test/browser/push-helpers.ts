/**
 * Web Push in the browser tests. Chromium's pushManager.subscribe cannot reach a push service here,
 * so the page gets a stub subscription whose endpoint is the fake push service (fake-push-service.ts)
 * and whose keys the test made; the fake service checks and decrypts the server's real Web Push
 * and hands the plaintext to the service worker with CDP ServiceWorker.deliverPushMessage, which
 * runs the worker's real `push` handler. The CDP session lives on a page of no origin of the app
 * (about:blank), so it outlives every app page: "only the service worker left".
 */
import type { BrowserContext, CDPSession, Page } from "playwright-core";
import type { FakeSubscription } from "./fake-push-service.ts";

/**
 * Makes `pushManager.subscribe` answer with `subscription` (and remember it across reloads, as a
 * browser does), `getSubscription` return it once made, and `permissionState` follow the
 * notification permission. Records the applicationServerKey each subscribe asked for in
 * `window.__pushSubscribeKeys` (base64url) and unsubscribes in `window.__pushUnsubscribes`.
 */
export async function stubPushManager(
  context: BrowserContext,
  subscription: FakeSubscription,
): Promise<void> {
  await context.addInitScript(
    ({ endpoint, keys }) => {
      if (typeof PushManager !== "function") return;
      const w = window as unknown as { __pushSubscribeKeys: string[]; __pushUnsubscribes: number };
      w.__pushSubscribeKeys = [];
      w.__pushUnsubscribes = 0;
      const FLAG = "__fakePushSubscribed";
      const toBytes = (text: string): ArrayBuffer => {
        const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
        const bytes = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
        return bytes.buffer;
      };
      const toBase64Url = (key: unknown): string => {
        if (typeof key === "string") return key;
        const view =
          key instanceof ArrayBuffer
            ? new Uint8Array(key)
            : new Uint8Array(
                (key as ArrayBufferView).buffer,
                (key as ArrayBufferView).byteOffset,
                (key as ArrayBufferView).byteLength,
              );
        return btoa(String.fromCharCode(...view))
          .replace(/\+/g, "-")
          .replace(/\//g, "_")
          .replace(/=+$/, "");
      };
      const made = (applicationServerKey: string | null) => ({
        endpoint,
        expirationTime: null,
        options: { userVisibleOnly: true, applicationServerKey },
        getKey: (name: string) =>
          name === "p256dh" ? toBytes(keys.p256dh) : name === "auth" ? toBytes(keys.auth) : null,
        toJSON: () => ({ endpoint, expirationTime: null, keys: { ...keys } }),
        unsubscribe: () => {
          w.__pushUnsubscribes++;
          localStorage.removeItem(FLAG);
          return Promise.resolve(true);
        },
      });
      const proto = PushManager.prototype as unknown as Record<string, unknown>;
      proto.subscribe = (options?: { applicationServerKey?: unknown }) => {
        const key = options?.applicationServerKey == null ? null : toBase64Url(options.applicationServerKey);
        if (key !== null) w.__pushSubscribeKeys.push(key);
        if (Notification.permission !== "granted") {
          return Promise.reject(
            new DOMException("Registration failed - permission denied", "NotAllowedError"),
          );
        }
        localStorage.setItem(FLAG, key ?? "");
        return Promise.resolve(made(key));
      };
      proto.getSubscription = () => {
        const key = localStorage.getItem(FLAG);
        return Promise.resolve(key === null ? null : made(key || null));
      };
      proto.permissionState = () =>
        Promise.resolve(Notification.permission === "default" ? "prompt" : Notification.permission);
    },
    { endpoint: subscription.endpoint, keys: subscription.keys },
  );
}

export interface WorkerPush {
  /** Hands a push message's plaintext to the app's service worker, as the browser would. */
  deliver(plaintext: string): Promise<void>;
  /** The registration the messages go to (waits until the app registered one). */
  registrationId(): Promise<string>;
  /** The notifications the app's service worker shows now (read through the worker itself). */
  notifications(): Promise<ShownNotification[]>;
  close(): Promise<void>;
}

export interface ShownNotification {
  title: string;
  body: string;
  tag: string;
  silent: boolean | null;
  requireInteraction: boolean;
  renotify: boolean;
  vibrate: number[];
  lang: string;
  data: unknown;
}

interface RegistrationInfo {
  registrationId: string;
  scopeURL: string;
  isDeleted: boolean;
}

/**
 * A CDP link to the app's service worker through a page of its own at about:blank (not the app).
 * `origin` is the app's origin (the mock server's url).
 */
export async function workerPush(context: BrowserContext, origin: string): Promise<WorkerPush> {
  const driver: Page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(driver);
  const scope = `${origin}/`;
  const live = new Map<string, RegistrationInfo>();
  const waiting = new Set<() => void>();
  cdp.on("ServiceWorker.workerRegistrationUpdated", (event: { registrations: RegistrationInfo[] }) => {
    for (const r of event.registrations) {
      if (r.isDeleted) live.delete(r.registrationId);
      else live.set(r.registrationId, r);
    }
    for (const wake of [...waiting]) wake();
  });
  await cdp.send("ServiceWorker.enable");
  const find = () => [...live.values()].find((r) => r.scopeURL === scope)?.registrationId;
  const registrationId = () =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(check);
        reject(new Error(`no service worker registration for ${scope}`));
      }, 30_000);
      const check = () => {
        const id = find();
        if (id === undefined) return;
        clearTimeout(timer);
        waiting.delete(check);
        resolve(id);
      };
      waiting.add(check);
      check();
    });

  /** The app's worker as Playwright sees it now (a stopped worker restarts as a new one). */
  const worker = async () => {
    const workers = context.serviceWorkers().filter((w) => w.url().startsWith(scope));
    return workers.at(-1) ?? (await context.waitForEvent("serviceworker", { timeout: 10_000 }));
  };

  return {
    async deliver(plaintext) {
      await cdp.send("ServiceWorker.deliverPushMessage", {
        origin,
        registrationId: await registrationId(),
        data: plaintext,
      });
    },
    registrationId,
    async notifications() {
      const sw = await worker();
      return sw.evaluate(async () => {
        // The worker's global (no WebWorker lib in this tsconfig).
        const scope = globalThis as unknown as { registration: ServiceWorkerRegistration };
        const shown = await scope.registration.getNotifications();
        return shown.map((n) => {
          const more = n as Notification & { renotify?: boolean; vibrate?: readonly number[] };
          return {
            title: n.title,
            body: n.body,
            tag: n.tag,
            silent: n.silent,
            requireInteraction: n.requireInteraction,
            renotify: more.renotify ?? false,
            vibrate: [...(more.vibrate ?? [])],
            lang: n.lang,
            data: n.data as unknown,
          };
        });
      });
    },
    async close() {
      await cdp.detach().catch(() => undefined);
      await driver.close().catch(() => undefined);
    },
  };
}

// --- The rig: the production build on the socket server, a fake push service, Chromium -------------

/** One API request as the browser sent it, and (once answered) its status and answer headers. */
export interface ApiRequest {
  page: Page;
  method: string;
  path: string;
  /** "GET ticket", "PUT push", "DELETE push", "DELETE ticket", "POST join", "GET key", or method + path. */
  route: string;
  at: number;
  headers: Record<string, string>;
  status?: number;
  answerHeaders?: Record<string, string>;
  body?: unknown;
}

export function routeOf(method: string, path: string): string {
  if (/\/tickets\/[^/]+\/push$/.test(path)) return `${method} push`;
  if (/\/tickets\/[^/]+$/.test(path)) return `${method} ticket`;
  if (/\/tickets$/.test(path) && method === "POST") return "POST join";
  if (path.endsWith("/push/key")) return `${method} key`;
  return `${method} ${path}`;
}

/** Records every API request of every page of the context (pages opened later too). */
export function recordApi(context: BrowserContext): ApiRequest[] {
  const seen: ApiRequest[] = [];
  const byRequest = new Map<unknown, ApiRequest>();
  const watch = (page: Page) => {
    page.on("request", (r) => {
      const path = new URL(r.url()).pathname;
      if (!path.startsWith("/api/")) return;
      const entry: ApiRequest = {
        page,
        method: r.method(),
        path,
        route: routeOf(r.method(), path),
        at: Date.now(),
        headers: r.headers(),
      };
      seen.push(entry);
      byRequest.set(r, entry);
    });
    page.on("response", async (r) => {
      const entry = byRequest.get(r.request());
      if (!entry) return;
      entry.status = r.status();
      entry.answerHeaders = r.headers();
      if (entry.route === "POST join" || entry.route === "GET ticket")
        entry.body = await r.json().catch(() => undefined);
    });
  };
  for (const page of context.pages()) watch(page);
  context.on("page", watch);
  return seen;
}
