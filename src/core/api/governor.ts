import type { Clock } from "../clock/types.ts";
import { sleep } from "../net/sleep.ts";

/**
 * The seat belt under all scheduling logic: a token bucket per endpoint
 * (method + path without its query). Whatever a bug above it does (a timer
 * storm, a retry loop, a re-render that re-fetches), at most `burst`
 * requests go out at once on one endpoint and then one per `refillMs`.
 *
 * The budget sits just outside every legitimate rate: the poll scheduler
 * never asks about a ticket less than 2 s apart (MIN_INTERVAL_MS in
 * ../queue/schedule.ts), retries back off from 2 s, and a user's taps come
 * in a handful. So a correct client never meets it, and every hold is
 * counted for the tests to assert that it stays 0.
 *
 * Time is the monotonic clock: changing the device clock neither refills a
 * bucket nor drains one.
 */
export interface GovernorOptions {
  /** Requests that may go out back to back on one endpoint (default 4). */
  burst?: number;
  /** One more request allowed per this many ms (default 2 000). */
  refillMs?: number;
  /** Told about every request the governor holds (a bug above it, by definition). */
  onHold?: (key: string) => void;
}

export interface Governor {
  /** Resolves when a request on `key` may go out; rejects with the signal's reason when aborted while held. */
  admit(key: string, signal?: AbortSignal): Promise<void>;
  /** How many requests were held so far. */
  holds(): number;
}

export const GOVERNOR_BURST = 4;
export const GOVERNOR_REFILL_MS = 2_000;

interface Bucket {
  /** May go negative: each held request reserves its token and waits for the debt to be repaid. */
  tokens: number;
  updatedAt: number;
}

export function createGovernor(clock: Clock, options: GovernorOptions = {}): Governor {
  const burst = options.burst ?? GOVERNOR_BURST;
  const refillMs = options.refillMs ?? GOVERNOR_REFILL_MS;
  const buckets = new Map<string, Bucket>();
  let holds = 0;

  const bucketFor = (key: string): Bucket => {
    const now = clock.monotonic();
    const bucket = buckets.get(key) ?? { tokens: burst, updatedAt: now };
    bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, now - bucket.updatedAt) / refillMs);
    bucket.updatedAt = now;
    buckets.set(key, bucket);
    return bucket;
  };

  return {
    holds: () => holds,
    async admit(key, signal) {
      signal?.throwIfAborted();
      const bucket = bucketFor(key);
      bucket.tokens -= 1;
      if (bucket.tokens >= 0) return;
      holds++;
      options.onHold?.(key);
      try {
        await sleep(clock, -bucket.tokens * refillMs, signal);
      } catch (reason) {
        // The held request will not go out: its reserved token goes back.
        bucketFor(key).tokens += 1;
        throw reason;
      }
    },
  };
}

/** The governor's key for a request: the method and the path without its query. */
export const governorKey = (method: string, path: string): string => `${method} ${path.split("?")[0]}`;
