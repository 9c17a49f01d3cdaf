import type { Clock, TimerHandle } from "./types.ts";

/**
 * Browsers and Node keep a timer's delay in a signed 32-bit integer: past
 * this (24.8 days) the delay wraps and the timer fires at once or at random.
 */
export const MAX_TIMER_MS = 2_147_483_647;

/** A delay a platform timer holds as asked: a whole number of ms in [0, MAX_TIMER_MS]. */
export type TimerMs = number & { readonly __timerMs: unique symbol };

/** Stops a wait; calling it again, or after the wait ended, does nothing. */
export type Cancel = () => void;

/**
 * The one way to wait: runs `fn` once, `ms` after now, on the clock's timers.
 * Any number is safe by construction:
 * - negative or −0: at the next turn (never synchronously);
 * - NaN or +Infinity: never (a wait that has no end must not become "now");
 * - past MAX_TIMER_MS: split into chunks, each counted by the timers
 *   themselves, so a device clock change cannot shorten it either.
 */
export function later(clock: Clock, ms: number, fn: () => void): Cancel {
  if (Number.isNaN(ms) || ms === Number.POSITIVE_INFINITY) return () => {};
  let remaining = Math.max(0, Math.ceil(ms));
  let handle: TimerHandle | null = null;
  let cancelled = false;
  const arm = (): void => {
    const chunk = Math.min(remaining, MAX_TIMER_MS);
    remaining -= chunk;
    handle = clock.setTimeout(() => {
      handle = null;
      if (cancelled) return;
      if (remaining > 0) arm();
      else fn();
    }, chunk as TimerMs);
  };
  arm();
  return () => {
    cancelled = true;
    if (handle !== null) clock.clearTimeout(handle);
    handle = null;
  };
}
