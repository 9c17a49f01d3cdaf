import { ApiError } from "../api/types.ts";
import type { Random } from "../clock/types.ts";
import { type BackoffOptions, type BackoffState, nextBackoff } from "./backoff.ts";

/** What to do about one failed attempt. */
export interface RetryDecision {
  retry: boolean;
  /** The server's floor from Retry-After, in ms from now; the next attempt is never sooner. */
  notBeforeMs: number | null;
  /** Problem code for http failures, else the failure kind ("network", "timeout", ...). */
  code: string;
  /** true when retrying fast would not help (a broken answer): back off from a higher floor. */
  polite: boolean;
}

/** For the "aborted" kind and programming errors: never retried. */
const STOP = (code: string): RetryDecision => ({ retry: false, notBeforeMs: null, code, polite: false });

/**
 * Sorts a failure: network errors, timeouts, 5xx and 429 retry; `Retry-After`
 * wins; aborted stops; other 4xx do not retry (the caller handles each
 * documented code); a response that breaks the contract retries politely.
 */
export function classifyFailure(error: unknown): RetryDecision {
  if (!(error instanceof ApiError)) return STOP("unknown");
  const failure = error.failure;
  switch (failure.kind) {
    case "aborted":
      return STOP("aborted");
    case "network":
    case "timeout":
      return { retry: true, notBeforeMs: null, code: failure.kind, polite: false };
    case "invalid_response":
      return { retry: true, notBeforeMs: null, code: "invalid_response", polite: true };
    case "http": {
      const retryable = failure.status === 429 || failure.status === 408 || failure.status >= 500;
      return {
        retry: retryable,
        notBeforeMs: failure.retryAfterMs,
        code: failure.problem.code,
        polite: false,
      };
    }
  }
}

/** Backoff for transient failures: first retry after 2–6 s, decorrelated, capped at a minute. */
export const DEFAULT_BACKOFF: BackoffOptions = {
  initialDelayMs: 2_000,
  maxDelayMs: 60_000,
  jitter: "decorrelated",
};
/** For answers that break the contract: nothing will change in a second. */
export const POLITE_BACKOFF: BackoffOptions = {
  initialDelayMs: 10_000,
  maxDelayMs: 120_000,
  jitter: "decorrelated",
};

/**
 * A crowd told to come back at the same instant (an outage's end) spreads its
 * return over at least this long after it.
 */
export const RETRY_AFTER_MIN_SPREAD_MS = 10_000;

/**
 * The delay before the next attempt. Without Retry-After it is the jittered
 * backoff; with one, it is Retry-After plus a jittered spread (the largest of
 * half of Retry-After, the backoff and RETRY_AFTER_MIN_SPREAD_MS), so a crowd told "come back in 5 s"
 * does not come back in the same second — and never sooner than told.
 */
export function retryDelay(
  decision: RetryDecision,
  state: BackoffState,
  random: Random,
  options: BackoffOptions = decision.polite ? POLITE_BACKOFF : DEFAULT_BACKOFF,
): [number, BackoffState] {
  const [backoffMs, next] = nextBackoff(state, options, random);
  if (decision.notBeforeMs === null) return [backoffMs, next];
  const floor = decision.notBeforeMs;
  const spread = Math.max(floor / 2, backoffMs, RETRY_AFTER_MIN_SPREAD_MS);
  // A Retry-After of 0 (or a date already past) is no reason to come back sooner than the backoff would.
  return [Math.max(backoffMs, Math.round(floor + random() * spread)), next];
}
