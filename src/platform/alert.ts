import type { PushTicket, TurnPush } from "../core/push/turn-push.ts";
import type { AdmittedAlert, QueueView } from "../core/queue/types.ts";
import type { Store } from "../core/store/types.ts";
import type { Lang } from "../i18n/core.ts";
import { formatTime } from "../i18n/format-time.ts";
import { loadTranslator } from "../i18n/runtime.ts";
import type { AlertControls, AlertSettings, NotifyPermission } from "../ui/queue/alert-controls.ts";
import { type Beeper, createBeeper } from "./beep.ts";

/** One tag per ticket, shared with the service worker's push (src/sw.ts), so the system keeps a single one. */
export const turnTag = (ticketId: string | null): string => `jari-turn-${ticketId ?? ""}`;
const VIBRATION = [400, 150, 400, 150, 800];
const NOTIFICATION_ICON = "/icons/icon-192.png";
/** A service worker that never becomes ready (none registered) must not swallow the alert. */
const SW_READY_TIMEOUT_MS = 3000;

/** The browser features the alert uses; tests pass fakes. */
export interface AlertEnv {
  /** null when the browser has no Notification API. */
  notifications: {
    permission(): NotificationPermission;
    request(): Promise<NotificationPermission>;
  } | null;
  show(title: string, options: NotificationOptions): Promise<void>;
  vibrate(pattern: number[]): void;
  beeper: Beeper | null;
  document: Pick<
    Document,
    "title" | "visibilityState" | "hasFocus" | "addEventListener" | "removeEventListener"
  >;
  window: Pick<Window, "addEventListener" | "removeEventListener">;
}

export interface Alerts {
  /** For the queue screen's "notify me" and "sound" toggles. */
  controls: AlertControls;
  /** For createQueueClient: called once per admission in the polling tab. */
  onAdmitted: AdmittedAlert;
  /** Resolves when the saved preferences have been read. */
  ready: Promise<void>;
  dispose(): void;
}

/**
 * The your-turn alert: a system notification through the service worker,
 * vibration, an optional beep and a changed tab title, so someone with the
 * phone in a pocket or another app open learns it is their turn. Permission
 * is asked only from setNotify(true), i.e. when the user taps "notify me".
 */
export function createAlerts(options: {
  store: Store;
  lang: () => Lang;
  env?: AlertEnv;
  /** Your-turn Web Push, and the ticket it is for (see src/app/wire-push.ts). */
  push?: { turn: TurnPush; ticket: () => PushTicket | null; installForPush: boolean };
  /** Whether the browser can keep the screen on (Screen Wake Lock). */
  keepAwakeSupported?: boolean;
}): Alerts {
  const { store, lang, push } = options;
  const env = options.env ?? browserAlertEnv();
  const doc = env.document;
  const listeners = new Set<(settings: AlertSettings) => void>();
  const alerted = new Set<string>();
  const currentPermission = (): NotifyPermission => env.notifications?.permission() ?? "unsupported";
  let settings: AlertSettings = {
    notify: false,
    sound: false,
    permission: currentPermission(),
    push: push?.turn.state() ?? "unavailable",
    installForPush: push?.installForPush ?? false,
    keepAwake: options.keepAwakeSupported ? false : null,
  };
  push?.turn.subscribe((state) => update({ push: state }));
  let savedTitle: string | null = null;
  let alertTitle: string | null = null;

  const update = (patch: Partial<AlertSettings>) => {
    settings = { ...settings, ...patch };
    for (const listener of [...listeners]) listener(settings);
  };
  const save = async (patch: { notify?: boolean; sound?: boolean; keepAwake?: boolean }) => {
    const prefs = await store.getPreferences();
    await store.putPreferences({ ...prefs, ...patch });
  };

  // Audio can start only inside a gesture: after a reload, the first tap anywhere unlocks it.
  const unlockAudio = () => {
    if (!settings.sound) return;
    env.beeper?.unlock();
    doc.removeEventListener("pointerdown", unlockAudio);
  };
  doc.addEventListener("pointerdown", unlockAudio);

  const restoreTitle = () => {
    if (savedTitle === null || doc.visibilityState !== "visible") return;
    if (doc.title === alertTitle) doc.title = savedTitle;
    savedTitle = null;
    alertTitle = null;
  };
  doc.addEventListener("visibilitychange", restoreTitle);
  env.window.addEventListener("focus", restoreTitle);

  const ready = Promise.all([
    store.getPreferences().then(
      (prefs) =>
        update({
          notify: prefs.notify && currentPermission() === "granted",
          sound: prefs.sound,
          ...(settings.keepAwake === null ? {} : { keepAwake: prefs.keepAwake === true }),
        }),
      () => undefined,
    ),
    // Loaded now so that the alert itself never waits for a catalog download.
    loadTranslator(lang(), ["queue"]).catch(() => undefined),
  ]).then(() => undefined);

  const onAdmitted: AdmittedAlert = (view: QueueView) => {
    const key = view.admission?.token ?? view.ticketId ?? "";
    if (alerted.has(key)) return;
    alerted.add(key);
    const away = doc.visibilityState !== "visible" || !doc.hasFocus();
    env.vibrate(VIBRATION);
    if (settings.sound) env.beeper?.beep();
    const language = lang();
    void loadTranslator(language, ["queue"])
      .then((t) => {
        if (away) {
          savedTitle ??= doc.title;
          alertTitle = t("queue.alert.documentTitle");
          doc.title = alertTitle;
        }
        if (!away || !settings.notify || currentPermission() !== "granted") return;
        const body = view.admission
          ? t("queue.alert.body", { time: formatTime(language, view.admission.expiresAt) })
          : "";
        return env.show(t("queue.alert.title"), {
          body,
          tag: turnTag(view.ticketId),
          // renotify: alert again even if an older your-turn notification is still shown.
          renotify: true,
          requireInteraction: true,
          // navigator.vibrate does nothing in a background tab; the notification's own pattern does.
          vibrate: VIBRATION,
          icon: NOTIFICATION_ICON,
          lang: language,
          data: { url: view.eventId ? `/queue/${encodeURIComponent(view.eventId)}` : "/" },
        } as NotificationOptions);
      })
      .catch(() => undefined);
  };

  const controls: AlertControls = {
    getSettings: () => settings,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async setNotify(on) {
      if (!on) {
        update({ notify: false });
        await save({ notify: false });
        await push?.turn.disable();
        return;
      }
      if (!env.notifications) {
        update({ notify: false, permission: "unsupported" });
        return;
      }
      let permission = env.notifications.permission();
      if (permission === "default") permission = await env.notifications.request();
      update({ notify: permission === "granted", permission });
      await save({ notify: permission === "granted" });
      const ticket = push?.ticket();
      if (permission === "granted" && push && ticket) await push.turn.enable(ticket);
    },
    async setKeepAwake(on) {
      if (settings.keepAwake === null) return;
      update({ keepAwake: on });
      await save({ keepAwake: on });
    },
    async setSound(on) {
      if (on) {
        env.beeper?.unlock();
        // Let the user hear what the alert will sound like.
        env.beeper?.beep();
      }
      update({ sound: on });
      await save({ sound: on });
    },
  };

  return {
    controls,
    onAdmitted,
    ready,
    dispose() {
      listeners.clear();
      doc.removeEventListener("pointerdown", unlockAudio);
      doc.removeEventListener("visibilitychange", restoreTitle);
      env.window.removeEventListener("focus", restoreTitle);
    },
  };
}

/** The real browser: notifications through the service worker registration when there is one. */
export function browserAlertEnv(): AlertEnv {
  const hasNotification = typeof Notification === "function";
  return {
    notifications: hasNotification
      ? { permission: () => Notification.permission, request: () => Notification.requestPermission() }
      : null,
    async show(title, options) {
      const registration = await serviceWorkerRegistration();
      if (registration) {
        await registration.showNotification(title, options);
        return;
      }
      // Desktop browsers without a worker can still show a page notification (Android cannot: it throws).
      new Notification(title, options);
    },
    vibrate(pattern) {
      navigator.vibrate?.(pattern);
    },
    beeper: createBeeper(),
    document,
    window,
  };
}

async function serviceWorkerRegistration(): Promise<ServiceWorkerRegistration | null> {
  if (!("serviceWorker" in navigator)) return null;
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), SW_READY_TIMEOUT_MS));
  return Promise.race([navigator.serviceWorker.ready, timeout]);
}
