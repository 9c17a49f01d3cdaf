import { realClock } from "../app/real-clock.ts";
import { every } from "../ui/components/every.ts";
import type { PwaController, PwaState } from "./types.ts";

export type { PwaController, PwaState } from "./types.ts";

/** The service-worker side as registerSW sees it; tests pass a fake. */
export interface WorkerPort {
  /** true when a worker already controlled this page at load (so a controller change is an update). */
  hadController: boolean;
  /** Registers the worker; calls onWaiting(skipWaiting) when a new version waits. */
  start(onWaiting: (skipWaiting: () => void) => void): void;
  onControllerChange(listener: () => void): void;
  reload(): void;
}

export interface RegisterOptions {
  /** Worker script URL: "/sw.js", or "/sw.js?msw=1" in the demo build (same registration as MSW's). */
  url: string;
  /** true while a wait or a booking is in progress: updates then wait for a safe moment. */
  isBusy: () => boolean;
  /** Default: the browser's, through workbox-window; null when there is no service worker support. */
  worker?: WorkerPort | null;
  /** Where install prompts arrive (default: window). */
  events?: Pick<EventTarget, "addEventListener">;
  /** Default: sniffed from the user agent (iOS Safari, not installed, not dismissed). */
  iosHint?: boolean;
  /** A beforeinstallprompt that fired before this module loaded (see hold-install-prompt.ts). */
  heldInstallPrompt?: Event | null;
}

interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
}

const IOS_HINT_KEY = "jari.iosHintDismissed";
const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * Registers the app's service worker with workbox-window and turns its
 * lifecycle into PwaState. main.tsx loads this module only once the page has
 * loaded and settled, so neither weighs on the first screen. An update is applied only when the user agrees, and not during a
 * wait or a booking unless they insist; state lives in IndexedDB, so the
 * reload loses nothing.
 */
export function registerSW(options: RegisterOptions): PwaController {
  const { isBusy } = options;
  const worker = options.worker === undefined ? browserWorker(options.url) : options.worker;
  const events = options.events ?? globalThis;
  let state: PwaState = {
    update: "none",
    canInstall: false,
    iosHint: options.iosHint ?? shouldShowIosHint(),
  };
  const listeners = new Set<(s: PwaState) => void>();
  const set = (patch: Partial<PwaState>) => {
    state = { ...state, ...patch };
    for (const l of listeners) l(state);
  };
  let installPrompt = (options.heldInstallPrompt ?? null) as BeforeInstallPromptEvent | null;
  if (installPrompt) state = { ...state, canInstall: true };
  let applying = false;
  let skipWaiting: (() => void) | null = null;

  events.addEventListener("beforeinstallprompt", (event) => {
    event.preventDefault();
    installPrompt = event as BeforeInstallPromptEvent;
    set({ canInstall: true });
  });
  events.addEventListener("appinstalled", () => {
    installPrompt = null;
    set({ canInstall: false, iosHint: false });
  });

  if (worker) {
    worker.onControllerChange(() => {
      // The first install (clients.claim in the demo) is not an update: never reload for it.
      if (applying) worker.reload();
      else if (worker.hadController) set({ update: "ready" });
    });
    worker.start((skip) => {
      skipWaiting = skip;
      set({ update: "ready" });
    });
  }

  function apply() {
    applying = true;
    // No waiting worker: another tab already switched to the new version; this page just reloads.
    if (skipWaiting) skipWaiting();
    else worker?.reload();
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    acceptUpdate() {
      if (isBusy()) set({ update: "deferred" });
      else apply();
    },
    applyUpdateNow: apply,
    dismissUpdate: () => set({ update: "none" }),
    checkDeferred() {
      if (state.update === "deferred" && !isBusy()) apply();
    },
    async install() {
      const prompt = installPrompt;
      if (!prompt) return;
      installPrompt = null;
      set({ canInstall: false });
      await prompt.prompt();
    },
    dismissIosHint() {
      try {
        localStorage.setItem(IOS_HINT_KEY, "1");
      } catch {
        // Not saved: the hint comes back next visit, which is harmless.
      }
      set({ iosHint: false });
    },
  };
}

function browserWorker(url: string): WorkerPort | null {
  if (!("serviceWorker" in navigator)) return null;
  const container = navigator.serviceWorker;
  return {
    hadController: container.controller !== null,
    onControllerChange: (listener) => container.addEventListener("controllerchange", listener),
    reload: () => location.reload(),
    start: (onWaiting) => void startWorkbox(url, onWaiting),
  };
}

async function startWorkbox(url: string, onWaiting: (skipWaiting: () => void) => void): Promise<void> {
  const { Workbox } = await import("workbox-window");
  const wb = new Workbox(url, { scope: "/" });
  wb.addEventListener("waiting", () => onWaiting(() => wb.messageSkipWaiting()));
  const registration = await wb.register();
  if (!registration) return;
  // When MSW registered the same worker first, workbox-window may miss the waiting one: look ourselves.
  if (registration.waiting && navigator.serviceWorker.controller) {
    onWaiting(() => registration.waiting?.postMessage({ type: "SKIP_WAITING" }));
  }
  every(realClock, UPDATE_CHECK_MS, () => void registration.update().catch(() => undefined));
}

function shouldShowIosHint(): boolean {
  const ios = /iphone|ipad|ipod/i.test(navigator.userAgent);
  const standalone =
    (navigator as Navigator & { standalone?: boolean }).standalone === true ||
    matchMedia("(display-mode: standalone)").matches;
  let dismissed = false;
  try {
    dismissed = localStorage.getItem(IOS_HINT_KEY) === "1";
  } catch {
    // Storage unavailable: treat as not dismissed.
  }
  return ios && !standalone && !dismissed;
}
