import { describe, expect, it } from "vitest";
import type { TimerMs } from "../../src/core/clock/timer.ts";
import type { Clock } from "../../src/core/clock/types.ts";
import { createFakeClock, type FakeClock } from "../support/fake-clock.ts";
import { clientOnStub, httpError, waitingStatus } from "../support/stub-queue-api.ts";

const T0 = Date.parse("2021-07-19T11:00:00Z");
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A platform whose timers fire early: any delay past a minute fires after one (as a wrapped delay would). */
function earlyFiring(fake: FakeClock): Clock {
  return {
    now: fake.now,
    monotonic: fake.monotonic,
    setTimeout: (fn, ms) => fake.setTimeout(fn, Math.min(ms, MINUTE) as TimerMs),
    clearTimeout: fake.clearTimeout,
  };
}

const setUp = (clock: Clock, fake: FakeClock) => clientOnStub(fake, { seed: 7, clock });

describe("the queue client's clock-jump guard", () => {
  it("a timer that fires early waits out the rest: pollAfterSeconds 3,000,000 sends nothing for an hour", async () => {
    const fake = createFakeClock(T0);
    const { stub, client } = setUp(earlyFiring(fake), fake);
    stub.onJoin = () => ({
      body: {
        ticket: { id: "t1", token: "tok1" },
        status: waitingStatus(fake.trueNow(), { pollAfterSeconds: 3_000_000 }),
      },
    });
    await client.join("c55-59");
    await fake.advance(HOUR);
    expect(stub.calls.map((c) => c.op)).toEqual(["join"]);
    // Still waiting, with a timer armed for the rest (not given up).
    expect(fake.pendingTimers()).toBeGreaterThan(0);
    client.stop();
  });

  it("a Retry-After of 25 days, with timers firing early, is not retried within the hour", async () => {
    const fake = createFakeClock(T0);
    const { stub, client } = setUp(earlyFiring(fake), fake);
    stub.onStatus = () => ({ error: httpError(503, "overloaded", 25 * DAY) });
    await client.join("c55-59");
    await fake.advance(HOUR);
    expect(stub.count("status")).toBe(1);
    client.stop();
  });

  it("a device clock set back two hours still polls on the planned schedule", async () => {
    const fake = createFakeClock(T0);
    const { stub, client } = setUp(fake, fake);
    await client.join("c55-59");
    await fake.advance(2 * MINUTE);
    const before = stub.count("status");
    expect(before).toBeGreaterThan(0);
    fake.setSkew(-2 * HOUR);
    await fake.advance(2 * MINUTE);
    // Polling goes on (≈ every 12 s with pollAfterSeconds 10), neither stalled by two hours nor bunched up.
    const during = stub.calls.filter((c) => c.op === "status").slice(before - 1);
    expect(during.length).toBeGreaterThanOrEqual(6);
    for (let i = 1; i < during.length; i++) {
      expect((during[i]?.at ?? 0) - (during[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(10_000);
    }
    client.stop();
  });
});
