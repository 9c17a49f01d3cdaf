import { describe, expect, it } from "vitest";
import { agrees, calibrate } from "./calibrate.ts";

/**
 * The calibration tier: real queue clients (the app's core, real API client, the mock model on
 * the fake clock) and the population engine's jari on the same workload must agree within
 * ±10 % on requests a person and on notice latency p50 and p99 (with 0.1 s of slack for
 * latencies near 0, the engine's 100 ms wheel). Deterministic: fixed seed.
 */
describe("calibration: the population engine's jari against real queue clients", () => {
  it("agrees within ±10 % on requests a person and notice latency p50 / p99 (600 clients)", async () => {
    const c = await calibrate(600, 1);
    expect(c.real.requestsPerPerson).toBeGreaterThan(2);
    expect(agrees(c.engine.requestsPerPerson, c.real.requestsPerPerson)).toBe(true);
    expect(c.real.noticeP99).not.toBeNull();
    expect(agrees(c.engine.noticeP50, c.real.noticeP50, 0.1)).toBe(true);
    expect(agrees(c.engine.noticeP99, c.real.noticeP99, 0.1)).toBe(true);
  }, 120_000);

  it("agrees() can fail: 12 % apart is not agreement", () => {
    expect(agrees(8.96, 8)).toBe(false);
    expect(agrees(8.7, 8)).toBe(true);
    expect(agrees(0.3, 0, 0.1)).toBe(false);
  });
});
