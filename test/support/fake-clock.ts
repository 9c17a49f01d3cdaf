import type { Clock, TimerHandle } from "../../src/core/clock/types.ts";

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

/**
 * A manual clock for tests and the fleet simulation: time moves only when
 * told to, and timers fire in time order (ties in creation order). `skewMs`
 * makes now() report a device clock that is off from the "true" time the
 * mock backend uses (trueNow()).
 */
export interface FakeClock extends Clock {
  /** The simulation's true time (what the backend model sees). */
  trueNow(): number;
  /** Runs every timer due up to trueNow() + ms, letting promises settle between them. */
  advance(ms: number): Promise<void>;
  /** Runs the next due timer (advancing time to it); false when there is none. */
  step(): Promise<boolean>;
  /** True time of the next pending timer, or null. */
  nextTimerAt(): number | null;
  pendingTimers(): number;
  setSkew(ms: number): void;
  /**
   * Replaces how the clock waits for the world to settle between timers
   * (default: a few event-loop turns). The harness waits for in-flight model
   * calls too, because those use real async work (WebCrypto).
   */
  setSettle(settle: () => Promise<void>): void;
}

/**
 * Lets pending promise chains run to completion: microtasks, plus a few event
 * loop turns for web Request/Response bodies. No wall-clock waiting happens.
 */
export async function flushMicrotasks(turns = 3): Promise<void> {
  for (let i = 0; i < turns; i++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

export function createFakeClock(startMs: number, skewMs = 0): FakeClock {
  let now = startMs;
  let skew = skewMs;
  let nextId = 1;
  let settle: () => Promise<void> = () => flushMicrotasks();
  // Kept sorted by (at, id): the fleet has thousands of timers.
  const timers: Timer[] = [];

  const insert = (timer: Timer) => {
    let lo = 0;
    let hi = timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const t = timers[mid] as Timer;
      if (t.at < timer.at || (t.at === timer.at && t.id < timer.id)) lo = mid + 1;
      else hi = mid;
    }
    timers.splice(lo, 0, timer);
  };

  const runNext = async (limit: number): Promise<boolean> => {
    const timer = timers[0];
    if (!timer || timer.at > limit) return false;
    timers.shift();
    now = Math.max(now, timer.at);
    timer.fn();
    await settle();
    return true;
  };

  return {
    now: () => now + skew,
    trueNow: () => now,
    setTimeout(fn: () => void, ms: number): TimerHandle {
      const timer = { id: nextId++, at: now + Math.max(0, ms), fn };
      insert(timer);
      return timer.id;
    },
    clearTimeout(handle: TimerHandle) {
      const index = timers.findIndex((t) => t.id === handle);
      if (index >= 0) timers.splice(index, 1);
    },
    async advance(ms: number) {
      const until = now + ms;
      await settle();
      while (await runNext(until)) {}
      now = until;
      await settle();
    },
    async step() {
      await settle();
      return runNext(Number.POSITIVE_INFINITY);
    },
    nextTimerAt: () => timers[0]?.at ?? null,
    pendingTimers: () => timers.length,
    setSkew(ms: number) {
      skew = ms;
    },
    setSettle(next) {
      settle = next;
    },
  };
}
