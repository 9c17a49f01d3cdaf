import { describe, expect, it } from "vitest";
import { type RetryEvent, withRetry } from "../../src/core/net/retry.ts";
import { httpError, networkError } from "../support/failures.ts";
import { createFakeClock } from "../support/fake-clock.ts";
import { seededRandom } from "../support/seeded.ts";

const START = Date.parse("2021-07-19T11:00:00.000Z");

describe("withRetry", () => {
  it("emits the retry event before sleeping, and sleeps on the injected clock", async () => {
    const clock = createFakeClock(START);
    const events: RetryEvent[] = [];
    let calls = 0;
    const result = withRetry(
      async () => {
        calls++;
        if (calls < 3) throw httpError(503, "overloaded", 4000);
        return "ok";
      },
      { clock, random: seededRandom(1), onRetry: (e) => events.push(e) },
    );
    await clock.advance(0);
    expect(calls).toBe(1);
    expect(events).toHaveLength(1);
    expect(events[0]?.delayMs).toBeGreaterThanOrEqual(4000);
    // Nothing happens before the delay has passed on the fake clock.
    await clock.advance((events[0]?.delayMs ?? 0) - 1);
    expect(calls).toBe(1);
    await clock.advance(1);
    expect(calls).toBe(2);
    await clock.advance(120_000);
    await expect(result).resolves.toBe("ok");
    expect(calls).toBe(3);
  });

  it("does not retry a 4xx it does not know how to fix", async () => {
    const clock = createFakeClock(START);
    let calls = 0;
    const result = withRetry(
      async () => {
        calls++;
        throw httpError(401, "invalid_token");
      },
      { clock, random: seededRandom(1) },
    );
    await expect(result).rejects.toMatchObject({ code: "invalid_token" });
    expect(calls).toBe(1);
  });

  it("stops sleeping and rejects when aborted", async () => {
    const clock = createFakeClock(START);
    const controller = new AbortController();
    const result = withRetry(
      async () => {
        throw networkError();
      },
      { clock, random: seededRandom(1), signal: controller.signal },
    );
    const settled = expect(result).rejects.toBeDefined();
    await clock.advance(0);
    controller.abort(new Error("unmounted"));
    await settled;
    expect(clock.pendingTimers()).toBe(0);
  });

  it("gives up with the last error when the total time cap would be passed", async () => {
    const clock = createFakeClock(START);
    const attempts: number[] = [];
    let rejectedAt: number | null = null;
    const result = withRetry(
      async () => {
        attempts.push(clock.trueNow() - START);
        throw networkError();
      },
      // random 0: every delay is the backoff's floor (2 s, then 1.5× the last), so the schedule is exact.
      { clock, random: () => 0, maxElapsedMs: 20_000 },
    );
    const settled = expect(
      result.catch((error: unknown) => {
        rejectedAt = clock.trueNow() - START;
        throw error;
      }),
    ).rejects.toMatchObject({ code: "network" });
    await clock.advance(60_000);
    await settled;
    // Attempts at 0, 2, 5, 9.5, 16.25 s; the next would start at 26.375 s, past the cap: it stops there, at once.
    expect(attempts).toEqual([0, 2_000, 5_000, 9_500, 16_250]);
    expect(rejectedAt).toBe(16_250);
    expect(clock.pendingTimers()).toBe(0);
  });
});
