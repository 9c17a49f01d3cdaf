/** Fault kinds and settings. Kept apart from the fault engine so index.ts can re-export them cheaply. */

/** How Retry-After is written: "delta" seconds, an "http-date", or "mixed" (alternating at random). */
export type RetryAfterForm = "delta" | "http-date" | "mixed";

/**
 * One fault, injected once (`faults.once`) or drawn at a configured rate.
 * - drop: no answer at all, and the request was NOT applied.
 * - lost: the request WAS applied, then the answer was lost (no HTTP answer).
 * - hang: never answers (the client's timeout fires); not applied.
 * - cut: applied; headers sent, the body is cut off mid-way.
 * - malformed: applied; a 200 with "invalid-json" (default) or valid JSON of the "wrong-shape", or `body` verbatim.
 * - status: not applied; answers 429/503/500 (429 and 503 with Retry-After).
 * - bounce: the next answer that FIRST carries an admission for a ticket is lost (stays armed until then).
 * - latency: applied normally, answered `ms` later.
 */
export type Fault =
  | { kind: "drop" }
  | { kind: "lost" }
  | { kind: "hang" }
  | { kind: "cut" }
  | { kind: "malformed"; shape?: "invalid-json" | "wrong-shape"; body?: string }
  | { kind: "status"; status: 429 | 503 | 500; retryAfter?: number | "http-date" }
  | { kind: "bounce" }
  | { kind: "latency"; ms: number };

/** Which requests a one-shot fault applies to. `path` matches the path without the query. */
export interface FaultMatch {
  method?: string;
  path?: RegExp | string;
}

/** Standing fault settings; rates are per request, 0..1. */
export interface FaultConfig {
  /** Added to every answer. */
  latencyMs: number;
  /** Plus a uniform random [0, latencyJitterMs). */
  latencyJitterMs: number;
  dropRate: number;
  lostRate: number;
  hangRate: number;
  cutRate: number;
  malformedRate: number;
  /** 500 internal errors. */
  errorRate: number;
  /** 429 rate_limited. */
  rateLimitRate: number;
  /** 503 overloaded. */
  overloadRate: number;
  /** Retry-After for 429/503 drawn from the rates above. */
  retryAfterSeconds: number;
  retryAfterForm: RetryAfterForm;
  /** Absolute model-clock window during which every request gets 503 (Retry-After: the window's end). */
  outage: { fromMs: number; toMs: number } | null;
  /** Lose the first answer that carries each ticket's admission. */
  bounce: boolean;
  /** Above this many requests per model-clock second the model answers 503 overloaded. null: unlimited. */
  capacityPerSecond: number | null;
  /** A server without push (contract v1.1): `/push/key` and the ticket push routes answer 404 not_found. */
  pushUnavailable: boolean;
  /** A server without held reads: `Prefer: wait` is ignored (RFC 7240) and every read is answered at once. */
  ignoresPrefer: boolean;
}

export const NO_FAULTS: FaultConfig = {
  latencyMs: 0,
  latencyJitterMs: 0,
  dropRate: 0,
  lostRate: 0,
  hangRate: 0,
  cutRate: 0,
  malformedRate: 0,
  errorRate: 0,
  rateLimitRate: 0,
  overloadRate: 0,
  retryAfterSeconds: 5,
  retryAfterForm: "delta",
  outage: null,
  bounce: false,
  capacityPerSecond: null,
  pushUnavailable: false,
  ignoresPrefer: false,
};
