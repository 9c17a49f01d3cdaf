import type { Clock, Random } from "../clock/types.ts";
import { type BackoffOptions, INITIAL_BACKOFF } from "./backoff.ts";
import { classifyFailure, type RetryDecision, retryDelay } from "./retry-policy.ts";
import { sleep } from "./sleep.ts";

/** Emitted before each sleep, so fake timers (and the UI) see the retry as it is planned. */
export interface RetryEvent {
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  decision: RetryDecision;
  error: unknown;
}

export interface RetryOptions {
  clock: Clock;
  random: Random;
  signal?: AbortSignal;
  /** Give up (rethrow the last error) when the next attempt would start later than this after the first. */
  maxElapsedMs?: number;
  onRetry?: (event: RetryEvent) => void;
  /** Overrides the policy's backoff shape. */
  backoff?: BackoffOptions;
  /** Lets the caller stop on some retryable codes or retry some others. */
  shouldRetry?: (decision: RetryDecision) => boolean;
}

/**
 * Runs `attempt` until it succeeds or fails for good. Failures are sorted by
 * classifyFailure; the delay honors Retry-After and is jittered. The signal
 * passed to `attempt` is the caller's, so aborting stops the sleep and the call.
 */
export async function withRetry<T>(
  attempt: (signal?: AbortSignal) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const { clock, random, signal } = options;
  const startedAt = clock.now();
  let backoff = INITIAL_BACKOFF;
  for (let count = 1; ; count++) {
    try {
      signal?.throwIfAborted();
      return await attempt(signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      const decision = classifyFailure(error);
      const retry = options.shouldRetry ? options.shouldRetry(decision) : decision.retry;
      if (!retry) throw error;
      const [delayMs, next] = retryDelay(decision, backoff, random, options.backoff);
      backoff = next;
      if (options.maxElapsedMs !== undefined && clock.now() + delayMs - startedAt > options.maxElapsedMs)
        throw error;
      options.onRetry?.({ attempt: count, delayMs, decision, error });
      await sleep(clock, delayMs, signal);
    }
  }
}
