import type { PwaController, PwaState } from "./types.ts";

export type { PwaController, PwaState } from "./types.ts";

export interface RegisterOptions {
  /** Worker script URL: "/sw.js", or "/sw.js?msw=1" in the demo build (same registration as MSW's). */
  url: string;
  /** true while a wait or a booking is in progress: updates then wait for a safe moment. */
  isBusy: () => boolean;
}

interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: "accepted" | "dismissed" }>;
}

const IOS_HINT_KEY = "jari.iosHintDismissed";
const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * Registers the app's service worker with workbox-window (loaded after first
 * render, off the critical path) and turns its lifecycle into PwaState. An
 * update is applied only when the user agrees, and not during a wait or a
 * booking unless they insist; state lives in IndexedDB, so the reload loses nothing.
 */
export function registerSW({ url, isBusy }: RegisterOptions): PwaController {
  let state: PwaState = { update: "none", canInstall: false, iosHint: shouldShowIosHint() };
  const listeners = new Set<(s: PwaState) => void>();
  const set = (patch: Partial<PwaState>) => {
    state = { ...state, ...patch };
    for (const l of listeners) l(state);
  };
  let installPrompt: BeforeInstallPromptEvent | null = null;
  let applying = false;
  let skipWaiting: (() => void) | null = null;

  addEventListener("beforeinstallprompt", (event) => {
    event.preventDefault();
    installPrompt = event as BeforeInstallPromptEvent;
    set({ canInstall: true });
  });
  addEventListener("appinstalled", () => {
    installPrompt = null;
    set({ canInstall: false, iosHint: false });
  });

  if ("serviceWorker" in navigator) {
    const hadController = navigator.serviceWorker.controller !== null;
    navigator.serviceWorker.addEventListener("controllerchange", () => {
      // The first install (clients.claim in the demo) is not an update: never reload for it.
      if (applying) location.reload();
      else if (hadController) set({ update: "ready" });
    });
    // After the page has loaded and settled: the worker's precache downloads must not compete with
    // the first screen's own requests, nor its registration with the first render.
    afterLoad(() =>
      startWorkbox(url, (skip) => {
        skipWaiting = skip;
        set({ update: "ready" });
      }),
    );
  }

  function apply() {
    applying = true;
    // No waiting worker: another tab already switched to the new version; this page just reloads.
    if (skipWaiting) skipWaiting();
    else location.reload();
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
  setInterval(() => void registration.update().catch(() => undefined), UPDATE_CHECK_MS);
}

function afterLoad(task: () => Promise<void>): void {
  const run = () => {
    const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => void })
      .requestIdleCallback;
    if (idle) idle(() => void task(), { timeout: 3000 });
    else setTimeout(() => void task(), 1000);
  };
  if (document.readyState === "complete") run();
  else addEventListener("load", run, { once: true });
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
