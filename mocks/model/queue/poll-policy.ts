/**
 * How long a client should wait before asking about its ticket again.
 *
 * Policy (the fleet simulation measures it): a hint proportional to the
 * expected wait keeps total load flat however long the line is, because a
 * client far back asks rarely and only the few near the front ask often.
 * - pre-queue: a third of the time left until opening, 5..60 s. Asking right
 *   at opening gives no advantage (the pre-queue is shuffled), so there is no
 *   reason to crowd that second.
 * - waiting: a quarter of the expected wait, 2..60 s: far back -> 60 s, near
 *   the front -> 2-5 s so an admission is noticed promptly (the admission
 *   window is 10 minutes, so even a 60 s hint costs little).
 * - admitted: 30 s (nothing changes until expiry; the client books instead).
 * - expired / left / closed: 300 s; these are final.
 * - load: when the backend runs above half its capacity every hint grows,
 *   up to 3x at full load, and the ceiling rises from 60 s to 120 s.
 */
import type { QueueState } from "../../../src/core/contract/types.ts";

export interface PollInput {
  state: QueueState;
  etaSeconds: number | null;
  secondsUntilOpen: number;
  /** Recent request rate over capacity: 0 idle, 1 at capacity. */
  loadFactor: number;
}

const clamp = (value: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, value));

export function pollAfterSeconds(input: PollInput): number {
  const stretch = input.loadFactor <= 0.5 ? 1 : Math.min(3, 1 + (input.loadFactor - 0.5) * 4);
  const ceiling = stretch > 1 ? 120 : 60;
  let base: number;
  switch (input.state) {
    case "prequeue":
      base = clamp(input.secondsUntilOpen / 3, 5, 60);
      break;
    case "waiting":
      base = clamp((input.etaSeconds ?? 60) / 4, 2, 60);
      break;
    case "admitted":
      base = 30;
      break;
    default:
      return 300;
  }
  return Math.round(clamp(base * stretch, 2, ceiling));
}
