import type { Random } from "../clock/types.ts";

export interface BackoffOptions {
  /** First delay (decorrelated) or first ceiling (full jitter), in ms. */
  initialDelayMs: number;
  /** No delay is ever longer than this. */
  maxDelayMs: number;
  /**
   * decorrelated: next = random in [max(initial, GROWTH × previous), 3 × previous],
   * capped (AWS "decorrelated jitter" with a rising floor); full: random in
   * [0, initial × 2^attempt], capped.
   */
  jitter: "decorrelated" | "full";
}

/** Immutable: every call returns the next state rather than mutating. */
export interface BackoffState {
  attempt: number;
  previousDelayMs: number;
}

/**
 * Each decorrelated delay is at least this many times the last. Plain decorrelated jitter draws from
 * [initial, 3 × previous], so an unlucky run stays near the initial delay for ever (seen in the chaos
 * runs: 13 attempts in 53 s during an outage); a rising floor makes the growth certain, not likely.
 */
export const GROWTH = 1.5;

export const INITIAL_BACKOFF: BackoffState = { attempt: 0, previousDelayMs: 0 };

/**
 * One step of a pure, seeded backoff (the cockatiel shape):
 * `(state, options, random) → [delayMs, nextState]`. Jitter keeps clients
 * that failed together from coming back together.
 */
export function nextBackoff(
  state: BackoffState,
  options: BackoffOptions,
  random: Random,
): [number, BackoffState] {
  const { initialDelayMs: base, maxDelayMs: cap } = options;
  let delay: number;
  if (options.jitter === "full") {
    const ceiling = Math.min(cap, base * 2 ** Math.min(state.attempt, 30));
    delay = random() * ceiling;
  } else {
    const previous = Math.max(base, state.previousDelayMs);
    const low = state.attempt === 0 ? base : Math.min(cap, previous * GROWTH);
    delay = Math.min(cap, low + random() * Math.max(0, previous * 3 - low));
  }
  delay = Math.round(Math.min(cap, Math.max(0, delay)));
  return [delay, { attempt: state.attempt + 1, previousDelayMs: delay }];
}
