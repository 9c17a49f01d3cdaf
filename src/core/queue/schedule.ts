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
 *   so the pre-queue does not all ask at opensAt + 0 (arriving early in the
 *   pre-queue gives no advantage, so neither does asking early).
 * - Push on and page hidden: the push wakes us, so only a safety-net read
 *   every PUSH_SAFETY_NET_MS.
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
export const OPENING_SPREAD_MS = 20_000;
/** Optimistic rate factor: the line might move 25 % faster than reported. */
export const RATE_OPTIMISM = 1.25;
/** A hidden page with push on reads this rarely: the push is what wakes it. */
export const PUSH_SAFETY_NET_MS = 300_000;
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
  // Push on, in line: the push wakes us near the front and at admission, visible or not, so reads
  // are only a safety net: never more often than PUSH_SAFETY_NET_MS, and far back still before the
  // earliest possible admission (half of the optimistic time to the front, as below), so that a lost
  // push is noticed within PUSH_SAFETY_NET_MS (+ jitter) of the admission even if the line speeds up.
  if (input.push && input.state === "waiting")
    return jittered(Math.max(floor, PUSH_SAFETY_NET_MS, earliestFrontMs / 2));
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
