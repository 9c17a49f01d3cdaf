/**
 * The app's own pure policy, as the population engine's `jari` client calls
 * it: imported from src/core, never copied. Tests swap single functions to
 * prove the engine goes through them.
 */
import { ApiError } from "../../src/core/api/types.ts";
import { classifyFailure, retryDelay } from "../../src/core/net/retry-policy.ts";
import {
  MIN_STATUS_GAP_MS,
  RECHECK_SPREAD_MS,
  RESUME_SPREAD_MS,
} from "../../src/core/queue/machine-state.ts";
import { HELD_READ_WAIT_S, nextPollDelay } from "../../src/core/queue/schedule.ts";

export interface Policy {
  nextPollDelay: typeof nextPollDelay;
  classifyFailure: typeof classifyFailure;
  retryDelay: typeof retryDelay;
  RECHECK_SPREAD_MS: number;
  RESUME_SPREAD_MS: number;
  MIN_STATUS_GAP_MS: number;
  HELD_READ_WAIT_S: number;
}

/** Read through the module bindings each time, so a test that mocks a module sees its calls. */
export const POLICY: Policy = {
  nextPollDelay: (input, random) => nextPollDelay(input, random),
  classifyFailure: (error) => classifyFailure(error),
  retryDelay: (decision, state, random, options) => retryDelay(decision, state, random, options),
  RECHECK_SPREAD_MS,
  RESUME_SPREAD_MS,
  MIN_STATUS_GAP_MS,
  HELD_READ_WAIT_S,
};

/** The failure the app's transport would raise: an HTTP 503 with Retry-After, or a timeout. */
export function createApiError(kind: 503 | "timeout", ms: number): ApiError {
  if (kind === "timeout") return new ApiError({ kind: "timeout", timeoutMs: ms });
  return new ApiError({
    kind: "http",
    status: 503,
    problem: { type: "about:blank", title: "Service Unavailable", status: 503, code: "overloaded" },
    retryAfterMs: ms,
  });
}
