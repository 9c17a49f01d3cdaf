import { ApiError } from "../../src/core/api/types.ts";

/** ApiErrors as the api client throws them, for unit tests. */
export const httpError = (status: number, code: string, retryAfterMs: number | null = null) =>
  new ApiError({
    kind: "http",
    status,
    problem: { type: "about:blank", title: code, status, code },
    retryAfterMs,
  });
export const networkError = () => new ApiError({ kind: "network", message: "connection reset" });
export const timeoutError = () => new ApiError({ kind: "timeout", timeoutMs: 10_000 });
export const abortedError = () => new ApiError({ kind: "aborted" });
export const invalidResponse = () =>
  new ApiError({ kind: "invalid_response", status: 200, message: "bad json" });

/** Largest share of `times` (ms) falling into any one 1-second bucket. */
export function maxBucketShare(times: number[], bucketMs = 1000): number {
  const buckets = new Map<number, number>();
  for (const t of times) {
    const key = Math.floor(t / bucketMs);
    buckets.set(key, (buckets.get(key) ?? 0) + 1);
  }
  return Math.max(...buckets.values()) / times.length;
}
