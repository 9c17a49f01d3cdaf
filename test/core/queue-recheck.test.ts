import { describe, expect, it } from "vitest";
import { ApiError } from "../../src/core/api/types.ts";
import { createFakeClock, type FakeClock } from "../support/fake-clock.ts";
import { clientOnStub, httpError, waitingStatus } from "../support/stub-queue-api.ts";

const T0 = Date.parse("2021-07-19T11:00:00Z");
const SECOND = 1000;
const MINUTE = 60 * SECOND;

const setUp = (fake: FakeClock) => clientOnStub(fake, { seed: 5 });

const statusTimes = (stub: ReturnType<typeof setUp>["stub"]) =>
  stub.calls.filter((c) => c.op === "status").map((c) => c.at);

describe("coming back (visible, online) never undoes a backoff or a floor", () => {
  it("an outage without Retry-After: switching tabs every 5 s does not re-send each time", async () => {
    const fake = createFakeClock(T0);
    const { stub, client } = setUp(fake);
    await client.join("c55-59");
    await fake.advance(0);
    stub.onStatus = () => ({ error: new ApiError({ kind: "network", message: "refused" }) });
    for (let i = 0; i < 24; i++) {
      client.setVisible(false);
      await fake.advance(2 * SECOND);
      client.setVisible(true);
      await fake.advance(3 * SECOND);
    }
    const times = statusTimes(stub);
    // 2 minutes of decorrelated backoff (2 s, then 2 s to 3× the last, capped at a minute): about nine.
    // Resetting it on every toggle made one request per toggle (24 or more).
    expect(times.length).toBeGreaterThan(2);
    expect(times.length).toBeLessThanOrEqual(10);
    client.stop();
  });

  it("a Retry-After floor holds across online/offline and visibility toggles", async () => {
    const fake = createFakeClock(T0);
    const { stub, client } = setUp(fake);
    await client.join("c55-59");
    await fake.advance(0);
    stub.onStatus = () => ({ error: httpError(503, "overloaded", 60 * SECOND) });
    await fake.advance(15 * SECOND);
    const failedAt = statusTimes(stub).at(-1) ?? 0;
    expect(failedAt).toBeGreaterThan(T0);
    for (let i = 0; i < 10; i++) {
      client.setOnline(false);
      client.setVisible(false);
      await fake.advance(SECOND);
      client.setOnline(true);
      client.setVisible(true);
      await fake.advance(3 * SECOND);
    }
    expect(statusTimes(stub).filter((t) => t > failedAt && t < failedAt + 60 * SECOND)).toEqual([]);
    client.stop();
  });

  it("back online after a poll fell due while offline: one spread re-check, not more", async () => {
    const fake = createFakeClock(T0);
    const { stub, client } = setUp(fake);
    stub.onStatus = () => ({ body: waitingStatus(fake.trueNow(), { pollAfterSeconds: 30 }) });
    await client.join("c55-59");
    await fake.advance(0);
    client.setOnline(false);
    await fake.advance(2 * MINUTE);
    const before = statusTimes(stub).length;
    const backAt = fake.trueNow();
    client.setOnline(true);
    await fake.advance(20 * SECOND);
    const after = statusTimes(stub).slice(before);
    expect(after).toHaveLength(1);
    expect((after[0] ?? 0) - backAt).toBeLessThanOrEqual(3 * SECOND);
    client.stop();
  });
});
