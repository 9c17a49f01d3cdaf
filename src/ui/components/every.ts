import { type Cancel, later } from "../../core/clock/timer.ts";
import type { Clock } from "../../core/clock/types.ts";

/**
 * Runs `fn` every `ms` until cancelled, as a chain of later() waits: every
 * wait in the UI goes through the one timer that cannot overflow.
 */
export function every(clock: Clock, ms: number, fn: () => void): Cancel {
  let cancel: Cancel = () => {};
  const tick = () => {
    cancel = later(clock, ms, () => {
      tick();
      fn();
    });
  };
  tick();
  return () => cancel();
}
