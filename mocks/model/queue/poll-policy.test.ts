import { describe, expect, it } from "vitest";
import { pollAfterSeconds } from "./poll-policy.ts";

const waiting = (etaSeconds: number, loadFactor = 0) =>
  pollAfterSeconds({ state: "waiting", etaSeconds, secondsUntilOpen: 0, loadFactor });

describe("pollAfterSeconds", () => {
  it("asks rarely far back and often near the front", () => {
    expect(waiting(3600)).toBe(60);
    expect(waiting(120)).toBe(30);
    expect(waiting(10)).toBeLessThanOrEqual(5);
    expect(waiting(1)).toBe(2);
  });

  it("grows with load, up to 120 s", () => {
    expect(waiting(10, 1)).toBeGreaterThan(waiting(10, 0));
    expect(waiting(3600, 1)).toBe(120);
    expect(waiting(3600, 5)).toBe(120);
  });

  it("keeps the pre-queue quiet and final states quieter", () => {
    expect(
      pollAfterSeconds({ state: "prequeue", etaSeconds: null, secondsUntilOpen: 3600, loadFactor: 0 }),
    ).toBe(60);
    expect(
      pollAfterSeconds({ state: "prequeue", etaSeconds: null, secondsUntilOpen: 3, loadFactor: 0 }),
    ).toBe(5);
    expect(pollAfterSeconds({ state: "expired", etaSeconds: null, secondsUntilOpen: 0, loadFactor: 0 })).toBe(
      300,
    );
  });

  it("keeps a fleet's total request rate flat however long the line is", () => {
    // Requests per second from a line of n people admitted at r/s, each polling at its hint.
    const rate = (n: number, r: number) => {
      let total = 0;
      for (let i = 1; i <= n; i++) total += 1 / waiting(i / r);
      return total;
    };
    const small = rate(10_000, 100);
    const big = rate(1_000_000, 100);
    expect(big / 1_000_000).toBeLessThan(small / 10_000);
    expect(big).toBeLessThan(1_000_000 / 50);
  });
});
