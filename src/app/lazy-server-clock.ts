import type { Clock, ClockSample, ServerClock } from "../core/clock/types.ts";

/** Samples kept until the estimator loads: more than its run of agreeing headers needs. */
const KEPT = 8;

/** A ServerClock whose estimator (src/core/clock/server-clock.ts) is code-split off the first screen. */
export interface LazyServerClock extends ServerClock {
  /** Loads the estimator and feeds it the samples seen so far; from then on it answers. */
  ready(): Promise<void>;
}

/**
 * Keeps the last few clock samples until `ready()` loads the estimator (the
 * waiting room and the booking flow call it before they start), so the home
 * screen carries no clock code. Until then it is the unsynced device clock.
 */
export function lazyServerClock(
  clock: Clock,
  load: () => Promise<(clock: Clock) => ServerClock>,
): LazyServerClock {
  let real: ServerClock | null = null;
  let early: ClockSample[] = [];
  let loading: Promise<void> | null = null;
  return {
    serverNow: () => real?.serverNow() ?? clock.now(),
    offsetMs: () => real?.offsetMs() ?? 0,
    synced: () => real?.synced?.() ?? false,
    observe(sample) {
      if (real) real.observe(sample);
      else early = [...early.slice(1 - KEPT), sample];
    },
    ready() {
      loading ??= load().then(
        (create) => {
          real = create(clock);
          for (const sample of early) real.observe(sample);
          early = [];
        },
        (error: unknown) => {
          // A failed chunk load (offline) may succeed later.
          loading = null;
          throw error;
        },
      );
      return loading;
    },
  };
}
