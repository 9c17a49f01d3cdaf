/** The Screen Wake Lock API as used here; tests pass fakes. */
export interface WakeLockEnv {
  /** null where the API does not exist (older Safari, Firefox before 126). */
  request: (() => Promise<{ release(): Promise<void> }>) | null;
  document: Pick<Document, "visibilityState" | "addEventListener" | "removeEventListener">;
}

export interface KeepAwake {
  readonly supported: boolean;
  /** Whether the screen should be kept on now (the user's choice AND a ticket that is still waiting). */
  set(wanted: boolean): void;
  dispose(): void;
}

/**
 * Keeps the screen on while wanted. The browser drops the lock whenever the page is hidden, so it is
 * asked for again each time the page becomes visible; a refused request (battery saver) is not an
 * error: the switch simply has no effect then.
 */
export function createKeepAwake(env: WakeLockEnv = browserWakeLockEnv()): KeepAwake {
  let wanted = false;
  let held: { release(): Promise<void> } | null = null;
  let asking = false;

  const acquire = () => {
    if (!env.request || !wanted || held || asking || env.document.visibilityState !== "visible") return;
    asking = true;
    env.request().then(
      (lock) => {
        asking = false;
        if (wanted) held = lock;
        else void lock.release().catch(() => undefined);
      },
      () => {
        asking = false;
      },
    );
  };
  const release = () => {
    const lock = held;
    held = null;
    void lock?.release().catch(() => undefined);
  };
  const onVisibility = () => {
    // Hidden: the browser has released it already; visible again: ask again.
    if (env.document.visibilityState === "visible") acquire();
    else held = null;
  };
  env.document.addEventListener("visibilitychange", onVisibility);

  return {
    supported: env.request !== null,
    set(next) {
      wanted = next;
      if (next) acquire();
      else release();
    },
    dispose() {
      wanted = false;
      release();
      env.document.removeEventListener("visibilitychange", onVisibility);
    },
  };
}

function browserWakeLockEnv(): WakeLockEnv {
  const api = (navigator as Navigator & { wakeLock?: { request(type: "screen"): Promise<WakeLockSentinel> } })
    .wakeLock;
  return { request: api ? () => api.request("screen") : null, document };
}
