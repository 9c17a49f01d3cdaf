import { ApiError } from "../api/types.ts";
import type { Problem } from "../contract/types.ts";

/** The contract problem of an http failure, else null. */
export function problemOf(error: unknown): Problem | null {
  return error instanceof ApiError && error.failure.kind === "http" ? error.failure.problem : null;
}

/** A notice code for any failure: the problem code, or the failure kind ("network", "timeout", ...). */
export function noticeCodeOf(error: unknown): string {
  if (error instanceof ApiError) return error.code;
  return "unknown";
}

/** true when the caller aborted (unmount, reload): nothing to show. */
export function isAbort(error: unknown): boolean {
  return error instanceof ApiError && error.failure.kind === "aborted";
}

/**
 * true when a POST may have taken effect without us knowing: no answer, a
 * cut-off or broken answer, or an overloaded/rate-limited server that we
 * stopped retrying. Such a POST is only ever resolved by replaying its key.
 */
export function outcomeUnknown(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  const failure = error.failure;
  if (failure.kind === "network" || failure.kind === "timeout" || failure.kind === "invalid_response")
    return true;
  return (
    failure.kind === "http" && (failure.status >= 500 || failure.status === 429 || failure.status === 408)
  );
}
