import type { Clock, ClockSample, ServerClock } from "./types.ts";

/** A Date header is truncated to the second: the true time lies in [t, t + 1000). */
const HEADER_HALF_WIDTH_MS = 500;
/** Round trips longer than this say more about the network than about the clock. */
const MAX_RTT_MS = 30_000;
/** Device and server clocks drift apart slowly; an old sample gets less trustworthy. */
const DRIFT_PER_MS = 1e-4;
/** Server times before 2000 or after 2200 are not clocks, they are bugs. */
const MIN_PLAUSIBLE_MS = 946_684_800_000;
const MAX_PLAUSIBLE_MS = 7_258_118_400_000;

interface Estimate {
  offsetMs: number;
  /** Half-width of the interval the true offset lies in, when taken. */
  errorMs: number;
  takenAt: number;
}

function toEstimate(sample: ClockSample): Estimate | null {
  const rtt = sample.receivedAt - sample.sentAt;
  const { serverTime } = sample;
  if (!Number.isFinite(rtt) || !Number.isFinite(serverTime) || rtt < 0 || rtt > MAX_RTT_MS) return null;
  if (serverTime < MIN_PLAUSIBLE_MS || serverTime > MAX_PLAUSIBLE_MS) return null;
  // The server stamped its time somewhere between sending and receiving; the
  // midpoint is the best guess and half the round trip bounds the error.
  const midpoint = (sample.sentAt + sample.receivedAt) / 2;
  const center = sample.precise ? serverTime : serverTime + HEADER_HALF_WIDTH_MS;
  return {
    offsetMs: center - midpoint,
    errorMs: rtt / 2 + (sample.precise ? 0 : HEADER_HALF_WIDTH_MS),
    takenAt: sample.receivedAt,
  };
}

function currentError(estimate: Estimate, now: number): number {
  return estimate.errorMs + Math.abs(now - estimate.takenAt) * DRIFT_PER_MS;
}

/** Whole-second headers that agree with each other, in a row, before they may overrule a header estimate. */
const HEADER_RUN = 3;

const agree = (a: Estimate, b: Estimate, now: number): boolean =>
  Math.abs(a.offsetMs - b.offsetMs) <= currentError(a, now) + currentError(b, now);

/**
 * Server time from Date headers and body serverTime, with round-trip
 * correction. Keeps the single most precise recent observation; a precise
 * sample (body serverTime) that contradicts it (the device clock was
 * changed) replaces it outright.
 *
 * A whole-second Date header is weaker evidence: it may come from a proxy or
 * an error page with its own wrong clock. It never moves an estimate taken
 * from a body serverTime, however much it disagrees (one bad header once
 * ended an admission on the device). Before any precise sample exists, a
 * header that contradicts the header estimate wins only after HEADER_RUN
 * headers in a row agree with it. Only the offset matters, so a device clock
 * hours off changes nothing.
 */
export function createServerClock(clock: Clock): ServerClock {
  let best: (Estimate & { precise: boolean }) | null = null;
  /** Headers that contradicted a header estimate, agreeing with each other. */
  let challengers: Estimate[] = [];

  /**
   * The estimate is carried forward on the monotonic clock, not the device
   * clock: a device clock changed after the sample (by a second or by days)
   * must not move server time, or it would end a valid admission.
   */
  let anchorServer = 0;
  let anchorMono = 0;

  const take = (next: Estimate, precise: boolean): void => {
    best = { ...next, precise };
    challengers = [];
    anchorServer = clock.now() + next.offsetMs;
    anchorMono = clock.monotonic();
  };

  const serverNow = (): number =>
    best === null ? clock.now() : anchorServer + (clock.monotonic() - anchorMono);
  const offsetMs = (): number => serverNow() - clock.now();

  return {
    serverNow,
    offsetMs,
    synced: () => best !== null,
    observe(sample) {
      const next = toEstimate(sample);
      if (next === null) return;
      if (best === null) {
        take(next, sample.precise);
        return;
      }
      // Compared as of now: the device clock may have moved since the estimate was taken.
      best = { ...best, offsetMs: offsetMs() };
      const now = next.takenAt;
      const contradicts = !agree(best, next, now);
      if (sample.precise) {
        if (contradicts || next.errorMs <= currentError(best, now)) take(next, true);
        return;
      }
      if (best.precise) return;
      if (!contradicts) {
        if (next.errorMs <= currentError(best, now)) take(next, false);
        return;
      }
      challengers = [...challengers.filter((c) => agree(c, next, now)), next];
      if (challengers.length >= HEADER_RUN) take(next, false);
    },
  };
}
