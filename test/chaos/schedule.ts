/**
 * A fault schedule: what the network, the server, the phone and the user do
 * to one person's trip from Join to a confirmed reservation, as plain data so
 * fast-check can generate it, shrink it and print it for a replay.
 */
import fc from "fast-check";
import type { FaultRates, RetryAfterKind } from "./faults.ts";

/** Things that happen at a moment (times in ms from the start, true time). */
export type ChaosEvent =
  | { at: number; kind: "reload" }
  /** The phone is off or the app killed for a while, then opened again (admissions expire). */
  | { at: number; kind: "gap"; ms: number }
  /** A second tab opens, taps Join too, and is closed after `ms`. */
  | { at: number; kind: "second-tab"; ms: number }
  /** The device clock is set to `skewMs` off true time. */
  | { at: number; kind: "clock-jump"; skewMs: number }
  /** A window: refused connections, storage throwing, device offline, page hidden. */
  | { at: number; kind: "outage" | "storage" | "offline" | "hidden"; ms: number };

export interface Schedule {
  /** Seeds the model, the fault dice and the clients' jitter. */
  seed: number;
  rates: FaultRates;
  retryAfterKinds: RetryAfterKind[];
  /** Device clock minus true time at the start. */
  initialSkewMs: number;
  /** Faults and events happen before this (ms); afterwards the world is calm. */
  faultsForMs: number;
  events: ChaosEvent[];
}

const MINUTE = 60_000;
const DAY = 86_400_000;

const rate = (max: number) => fc.double({ min: 0, max, noNaN: true, noDefaultInfinity: true });

const ratesArb: fc.Arbitrary<FaultRates> = fc.record({
  dropBefore: rate(0.3),
  dropAfter: rate(0.3),
  hang: rate(0.1),
  refuse: rate(0.4),
  malformed: rate(0.2),
  outOfBound: rate(0.3),
  dateOff: rate(0.3),
});

const retryAfterKindArb: fc.Arbitrary<RetryAfterKind> = fc.constantFrom(
  "in-bound",
  "out-of-bound",
  "date-past",
  "date-near",
  "date-far",
  "garbage",
);

const skewArb = fc.oneof(
  fc.integer({ min: -2 * 3_600_000, max: 2 * 3_600_000 }),
  fc.integer({ min: -30 * DAY, max: 30 * DAY }),
  fc.constant(0),
);

const eventArb = (horizon: number): fc.Arbitrary<ChaosEvent> => {
  const at = fc.integer({ min: 0, max: horizon });
  return fc.oneof(
    fc.record({ at, kind: fc.constant("reload" as const) }),
    fc.record({ at, kind: fc.constant("gap" as const), ms: fc.integer({ min: 1_000, max: 20 * MINUTE }) }),
    fc.record({
      // Mostly right at the start: two tabs tapping Join within 50 ms.
      at: fc.oneof(fc.integer({ min: 0, max: 50 }), at),
      kind: fc.constant("second-tab" as const),
      ms: fc.integer({ min: 1_000, max: 10 * MINUTE }),
    }),
    fc.record({ at, kind: fc.constant("clock-jump" as const), skewMs: skewArb }),
    fc.record({
      at,
      kind: fc.constantFrom("outage" as const, "storage" as const, "offline" as const, "hidden" as const),
      ms: fc.integer({ min: 500, max: 5 * MINUTE }),
    }),
  );
};

export const scheduleArb: fc.Arbitrary<Schedule> = fc
  .integer({ min: 1 * MINUTE, max: 20 * MINUTE })
  .chain((faultsForMs) =>
    fc.record({
      seed: fc.integer({ min: 1, max: 0x7fffffff }),
      rates: ratesArb,
      retryAfterKinds: fc.uniqueArray(retryAfterKindArb, { minLength: 1, maxLength: 6 }),
      initialSkewMs: skewArb,
      faultsForMs: fc.constant(faultsForMs),
      events: fc
        .array(eventArb(faultsForMs), { maxLength: 8 })
        .map((events) => [...events].sort((a, b) => a.at - b.at)),
    }),
  );
