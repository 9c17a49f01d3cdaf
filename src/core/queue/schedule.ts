import type { Random } from "../clock/types.ts";

/**
 * The polite polling scheduler: when to ask about a ticket next. Pure.
 *
 * - Never sooner than the server's pollAfterSeconds (the floor), and jittered
 *   upward by 0–20 % so clients answered in the same second drift apart.
 * - Later when the client's own estimate says nothing will change: wait half
 *   of the OPTIMISTIC time to the front (ahead / (rate × 1.25)), so the wait
 *   shrinks geometrically as the front nears and still lands before the
 *   earliest possible admission. This holds even if the server sends a naive
 *   constant hint.
 * - Foreground: at most FOREGROUND_CAP_MS between checks (the screen's
 *   numbers are projected between them anyway).
 * - Background: never more often than every BACKGROUND_FLOOR_MS (nobody is
 *   looking), at most BACKGROUND_CAP_MS far back; near the front that floor
 *   is the detection delay, so an admission is noticed within ~36 s (30 s +
 *   20 % jitter) — well inside the 10-minute admission window.
 * - Pre-queue: first check lands after opening, spread over OPENING_SPREAD_MS
 *   (60 s) so the pre-queue does not all ask at opensAt + 0 (arriving early in
 *   the pre-queue gives no advantage, so neither does asking early); see
 *   OPENING_SPREAD_MS for the arithmetic.
 * - Push on (in line, visible or hidden): the push wakes us, so reads are
 *   only a safety net against a lost push, timed by how late after the
 *   earliest admission they may land (see nextPollDelay), not to land before it.
 * - Held reads (the server applied `Prefer: wait`): the server does the
 *   waiting, so the next read follows the answer — but one held-read cycle
 *   never takes less than HELD_CYCLE_MS, so a server that claims to hold and
 *   answers at once cannot make us poll faster than every 10 s.
 */
export const JITTER = 0.2;
export const MIN_INTERVAL_MS = 2_000;
export const FOREGROUND_CAP_MS = 900_000;
export const BACKGROUND_FLOOR_MS = 30_000;
export const BACKGROUND_CAP_MS = 600_000;
/**
 * The pre-queue's first read after opening lands at opensAt + U(0, OPENING_SPREAD_MS). Arriving or
 * asking early in the pre-queue gives no advantage (it is shuffled at opening), so the only cost of a
 * wider spread is how long a visible page shows "getting your number…": at most this, 30 s on average.
 * The load it puts on the server is people × reads ÷ spread:
 *   20 s (was): 2,000,000 × 1 ÷ 20 s = 100,000 a second = 1.0 × a 100,000/s server: the opening alone
 *               is at capacity (fleet `prequeue`: peak 1.08 ×, 21,229 503s; 1.01 × with push);
 *   60 s (now): 2,000,000 × 1 ÷ 60 s ≈ 33,000 a second = 0.33 × capacity. The few who read in the
 *               opening's first second find no serving rate yet and read again after the server's
 *               hint, on top of it: peak 0.42 × (0.37 with push, 0.49 with a naive 5 s server), no 503.
 * Each further million in the pre-queue adds about 0.17 × capacity (1,000,000 ÷ 60 s ≈ 17,000 a
 * second), so a pre-queue much larger than 2 million would need a longer spread still.
 */
export const OPENING_SPREAD_MS = 60_000;
/** Optimistic rate factor: the line might move 25 % faster than reported. */
export const RATE_OPTIMISM = 1.25;
/**
 * With push on, a lost push is noticed at most this long (+ jitter) after the earliest admission a line
 * twice as fast as the optimistic rate could give; never read more often than this. See nextPollDelay.
 * (Was 300 s, counted from before the earliest admission.)
 */
export const PUSH_SAFETY_NET_MS = 240_000;
/** Seconds asked for in `Prefer: wait` (the contract allows 1–30). */
export const HELD_READ_WAIT_S = 25;
/** A held read is given this long before it counts as timed out. */
export const HELD_READ_TIMEOUT_MS = (HELD_READ_WAIT_S + 10) * 1000;
/** The shortest held-read cycle (hold + gap) whatever the server claims. */
export const HELD_CYCLE_MS = 10_000;

export interface PollInput {
  state: "prequeue" | "waiting";
  ahead: number | null;
  servingRatePerSecond: number;
  /** Server epoch ms. */
  opensAt: number;
  serverNow: number;
  /** The server's floor (pollAfterSeconds, or Retry-After) in ms. */
  floorMs: number;
  visible: boolean;
  /** A push subscription for this ticket is on the server. */
  push?: boolean;
  /** The last answer came with Preference-Applied: how long it was held (ms). Else null/absent. */
  heldForMs?: number | null;
}

/** `ms` stretched by 0–JITTER (a top-level function: this runs for every read of a national crowd). */
function jitter(ms: number, random: Random): number {
  return Math.round(ms * (1 + random() * JITTER));
}

/** Delay in ms from now until the next status request; always >= floorMs. */
export function nextPollDelay(input: PollInput, random: Random): number {
  const floor = Math.max(input.floorMs, MIN_INTERVAL_MS);
  const cap = input.visible ? FOREGROUND_CAP_MS : BACKGROUND_CAP_MS;
  const quietFloor = input.visible ? floor : Math.max(floor, BACKGROUND_FLOOR_MS);
  const jittered = (ms: number) => jitter(ms, random);

  const rate = input.servingRatePerSecond * RATE_OPTIMISM;
  const earliestFrontMs = input.ahead !== null && rate > 0 ? (input.ahead / rate) * 1000 : 0;
  // Push on, in line: the push wakes us near the front and at admission, visible or not, so a read is
  // only a safety net against a lost push; it need not land BEFORE the admission, only soon after it.
  // Half the optimistic time to the front is the earliest the admission can come if the line moves up
  // to twice the optimistic rate (2.5× the reported one: the unannounced doubling, with the ±25 %
  // wobble); the next read lands at most PUSH_SAFETY_NET_MS (+ 20 % jitter) after that moment:
  //   delay = earliestFront / 2 + PUSH_SAFETY_NET_MS × (1…1.2), never below the server's floor.
  // Worst case for a lost push, with the line up to 2.5× faster than reported: the page that runs
  // notices the turn at most 4.8 min after the admission (240 s × 1.2), 5.8 min if Chrome throttles it
  // hidden (one timer a minute), so at least 4 of the 10 minutes are left to book. A line faster
  // still than 2.5× the reported rate stretches that by what it gains on earliestFront / 2. A frozen
  // page or a closed app reads nothing, push or not, until shown again.
  // (Was: max(300 s, earliestFront / 2), whose reads landed before the earliest admission, up to
  // 5 minutes before it near the front, for nothing, and whose bound was 6 min (7 throttled). With
  // every push lost in the fleet run, this rule notices sooner (p99 273 s against 339 s on visible
  // pages) in fewer reads (3.9 against 4.7 a person).)
  if (input.push && input.state === "waiting")
    return Math.max(jittered(floor), Math.round(earliestFrontMs / 2) + jittered(PUSH_SAFETY_NET_MS));
  if (input.push && !input.visible) return jittered(Math.max(floor, PUSH_SAFETY_NET_MS));
  const held = input.heldForMs;
  if (input.state === "waiting" && typeof held === "number" && Number.isFinite(held))
    return jittered(Math.max(floor, HELD_CYCLE_MS - Math.max(0, held)));

  if (input.state === "prequeue") {
    const untilOpen = input.opensAt - input.serverNow;
    const afterOpening = Math.max(0, untilOpen) + random() * OPENING_SPREAD_MS;
    // Close to opening: aim just after it. Far from it: check halfway there.
    if (afterOpening <= cap) return Math.round(Math.max(jittered(floor), afterOpening));
    return jittered(Math.max(floor, Math.min(cap, untilOpen / 2)));
  }

  const wait = Math.min(cap, Math.max(quietFloor, earliestFrontMs / 2));
  return jittered(Math.max(floor, wait));
}
