import type { TimerMs } from "./timer.ts";

/** Opaque handle returned by Clock.setTimeout. */
export type TimerHandle = unknown;

/**
 * The device's monotonic-enough wall clock and timers, injected so tests and the
 * fleet simulation can run on fake time. Core code never calls Date.now() or
 * setTimeout directly.
 */
export interface Clock {
  /** Device time in epoch milliseconds (may be hours off from the server). */
  now(): number;
  /**
   * Milliseconds on a clock that only moves forward at a steady rate
   * (performance.now() in a browser), from an arbitrary origin. Comparing
   * its elapsed time with now()'s is how a device clock change is told from
   * a timer that merely fired early.
   */
  monotonic(): number;
  /**
   * The platform timer. It takes only a TimerMs, which code gets from
   * `later` (./timer.ts): a raw number from a server cannot reach it.
   */
  setTimeout(fn: () => void, ms: TimerMs): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Uniform random number in [0, 1), injected (seeded in tests and the fleet). */
export type Random = () => number;

/** Makes a fresh random UUID (v4), injected; used for Idempotency-Keys. */
export type IdFactory = () => string;

/** One observation of the server's clock, taken around a single HTTP exchange. */
export interface ClockSample {
  /** Device time just before the request was sent. */
  sentAt: number;
  /** Device time when the response headers arrived. */
  receivedAt: number;
  /** Server time in epoch ms (from a body serverTime, or a Date header). */
  serverTime: number;
  /** true for a millisecond serverTime, false for a whole-second Date header. */
  precise: boolean;
}

/** Server time as best known on this device. */
export interface ServerClock {
  /** Current server time estimate in epoch milliseconds. */
  serverNow(): number;
  /** Feed one sample; the estimate improves with round-trip correction. */
  observe(sample: ClockSample): void;
  /** Estimated serverTime - deviceTime, in ms (0 until the first sample). */
  offsetMs(): number;
  /**
   * true once a sample has been taken. Before that serverNow() is only the
   * device clock, which may be set minutes off: nothing final (an admission
   * expiring) may be decided on it. Optional for hand-made clocks (taken as true).
   */
  synced?(): boolean;
}
