import { describe, expect, it } from "vitest";
import { later, MAX_TIMER_MS } from "../../src/core/clock/timer.ts";
import { createFakeClock } from "../support/fake-clock.ts";

const DAY = 86_400_000;
const T0 = Date.UTC(2021, 6, 12, 11);

async function firesAt(ms: number, horizonMs = 40 * 365 * DAY): Promise<number | null> {
  const clock = createFakeClock(T0);
  const start = clock.trueNow();
  let firedAt: number | null = null;
  later(clock, ms, () => {
    firedAt = clock.trueNow() - start;
  });
  while (firedAt === null && (clock.nextTimerAt() ?? Number.POSITIVE_INFINITY) - start <= horizonMs) {
    await clock.step();
  }
  return firedAt;
}

describe("later: the one timer for every wait", () => {
  it("fires after an ordinary delay, rounded up to a whole ms", async () => {
    expect(await firesAt(1500)).toBe(1500);
    expect(await firesAt(0.2)).toBe(1);
  });

  it("waits exactly the asked time past the platform limit (split, never wrapped)", async () => {
    expect(await firesAt(MAX_TIMER_MS + 1)).toBe(MAX_TIMER_MS + 1);
    expect(await firesAt(3_000_000_000)).toBe(3_000_000_000);
    expect(await firesAt(1e12)).toBe(1e12);
  });

  it("fires at once for negative delays and never for NaN or Infinity", async () => {
    expect(await firesAt(-1)).toBe(0);
    expect(await firesAt(-1e12)).toBe(0);
    expect(await firesAt(Number.NaN)).toBeNull();
    expect(await firesAt(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it("never fires synchronously", () => {
    const clock = createFakeClock(T0);
    let fired = false;
    later(clock, -5, () => {
      fired = true;
    });
    expect(fired).toBe(false);
  });

  it("is not shortened by a device clock set forward during a long wait", async () => {
    const clock = createFakeClock(T0);
    let firedAt: number | null = null;
    later(clock, 30 * DAY, () => {
      firedAt = clock.trueNow();
    });
    const start = clock.trueNow();
    await clock.step();
    clock.setSkew(29 * DAY);
    while (firedAt === null && (await clock.step())) {}
    expect(firedAt).toBe(start + 30 * DAY);
  });

  it("cancel stops it, between chunks too", async () => {
    const clock = createFakeClock(T0);
    let fired = 0;
    const cancel = later(clock, 3 * MAX_TIMER_MS, () => fired++);
    await clock.step();
    cancel();
    cancel();
    while (await clock.step()) {}
    expect(fired).toBe(0);
    expect(clock.pendingTimers()).toBe(0);
  });

  it("the fake clock wraps an unsplit delay like the platform does (so tests can see an overflow)", async () => {
    const clock = createFakeClock(T0);
    const start = clock.trueNow();
    let firedAt: number | null = null;
    clock.setTimeout(
      () => {
        firedAt = clock.trueNow() - start;
      },
      3_000_000_000 as Parameters<typeof clock.setTimeout>[1],
    );
    await clock.step();
    expect(firedAt).toBe(1);
  });
});
