import type { PushSubscription as PushSubscriptionBody } from "../core/contract/types.ts";
import type { PushPort } from "../core/push/turn-push.ts";

/** A worker that never becomes ready (none registered) must not hang the switch. */
const READY_TIMEOUT_MS = 5000;

/**
 * Web Push through the app's service worker. iPhones receive it only in the
 * installed app (Safari 16.4+), where PushManager exists; elsewhere it is
 * simply absent, and the app keeps polling as without push.
 */
export function browserPushPort(): PushPort {
  const registration = (): Promise<ServiceWorkerRegistration> =>
    new Promise((resolve, reject) => {
      const timer = globalThis.setTimeout(() => reject(new Error("no service worker")), READY_TIMEOUT_MS);
      navigator.serviceWorker.ready.then((r) => {
        globalThis.clearTimeout(timer);
        resolve(r);
      }, reject);
    });
  return {
    supported: () => "serviceWorker" in navigator && typeof PushManager === "function",
    async subscribe(applicationServerKey) {
      const r = await registration();
      const existing = await r.pushManager.getSubscription();
      const subscription =
        existing ??
        (await r.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: base64UrlToBytes(applicationServerKey),
        }));
      return toBody(subscription);
    },
    async current() {
      const r = await registration();
      const s = await r.pushManager.getSubscription();
      return s ? toBody(s) : null;
    },
  };
}

function toBody(subscription: PushSubscription): PushSubscriptionBody {
  const json = subscription.toJSON();
  return {
    endpoint: json.endpoint ?? subscription.endpoint,
    expirationTime: json.expirationTime ?? null,
    keys: { p256dh: json.keys?.p256dh ?? "", auth: json.keys?.auth ?? "" },
  };
}

function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(value.length / 4) * 4, "=");
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
