import { describe, expect, it, vi } from "vitest";
import * as retryPolicy from "../../src/core/net/retry-policy.ts";
import * as schedule from "../../src/core/queue/schedule.ts";
import { POLICY } from "./policy.ts";
import { runStrategy } from "./population.ts";
import { DEFAULT_PHONES, WORKLOADS, type WorkloadConfig } from "./workloads.ts";

// The engine's jari must go through the app's own modules: wrap them in spies (same behaviour).
vi.mock("../../src/core/queue/schedule.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/core/queue/schedule.ts")>();
  return { ...original, nextPollDelay: vi.fn(original.nextPollDelay) };
});
vi.mock("../../src/core/net/retry-policy.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/core/net/retry-policy.ts")>();
  return {
    ...original,
    classifyFailure: vi.fn(original.classifyFailure),
    retryDelay: vi.fn(original.retryDelay),
  };
});

const base = WORKLOADS["surge-2021"] as WorkloadConfig;

/** Three people at t = 0, all visible, admitted every 90 s (at 90, 180, 270 s), no latency, no limits. */
const tiny = (over: Partial<WorkloadConfig> = {}): WorkloadConfig => ({
  ...base,
  name: "tiny",
  people: 3,
  firstShare: 1,
  firstWindowMs: 0,
  restWindowMs: 0,
  admitPerSecond: 1 / 90,
  wobble: 0,
  rateChanges: [],
  exactEta: true,
  capacityPerSecond: 1e9,
  latencyMs: [0, 0],
  pushLatencyMs: [0, 0],
  phones: { ...DEFAULT_PHONES, hiddenShare: 0, closeShare: 0, pushShare: 0 },
  maxMs: 1_000_000,
  ...over,
});

describe("population engine: hand-checkable runs", () => {
  it("three clients polling every 40 s: 4, 6 and 8 requests, noticed 30, 20 and 10 s after admission", () => {
    const r = runStrategy(tiny({ capacityPerSecond: 100 }), "fixed-20s", {
      seed: 1,
      sample: 1,
      fixedIntervalMs: 40_000,
    });
    // join at 0; reads at 40, 80, 120 (admitted 90) | … 200 (admitted 180) | … 280 (admitted 270).
    expect(r.requests).toBe(4 + 6 + 8);
    expect(r.requestsPerPerson.mean).toBe(6);
    expect(r.admitted).toBe(3);
    expect(r.noticed).toBe(3);
    expect(r.noticeLatency.visible.count).toBe(3);
    expect(r.noticeLatency.visible.p50).toBe(20);
    expect(r.noticeLatency.visible.max).toBe(30);
    expect(r.lostPlaces).toBe(0);
    expect(r.expiredUnused).toBe(0);
    expect(r.lastAdmittedAt).toBe(4.5);
    // Peak: the three joins in the first second.
    expect(r.peakLoadRatio).toBe(0.03);
  });

  it("counts an admission that expired unused (the app closed before it and back too late)", () => {
    const w = tiny({
      people: 1,
      phones: {
        ...DEFAULT_PHONES,
        hiddenShare: 0,
        closeShare: 1,
        closeWithinMs: 0,
        returnAfterMeanMs: 1e15,
        pushShare: 0,
      },
    });
    const r = runStrategy(w, "jari", { seed: 1, sample: 1 });
    expect(r.admitted).toBe(1);
    expect(r.noticed).toBe(0);
    expect(r.expiredUnused).toBe(1);
    expect(r.expiredUnusedReachable).toBe(0);
  });

  it("counts an admission that expired unused while the page was open (reads slower than the window)", () => {
    const r = runStrategy(tiny({ people: 1 }), "fixed-20s", { seed: 1, sample: 1, fixedIntervalMs: 700_000 });
    expect(r.admitted).toBe(1);
    expect(r.noticed).toBe(0);
    expect(r.expiredUnused).toBe(1);
    expect(r.expiredUnusedReachable).toBe(1);
    // join + the read at 700 s that finds it expired
    expect(r.requests).toBe(2);
  });

  it("a hammering reload after an error takes a new ticket at the back: lost places are counted", () => {
    const w = tiny({ people: 50, capacityPerSecond: 10, admitPerSecond: 0.05, maxMs: 600_000 });
    const r = runStrategy(w, "hammer", { seed: 2, sample: 1 });
    expect(r.errors.overloaded + r.errors.timeouts).toBeGreaterThan(0);
    expect(r.lostPlaces).toBeGreaterThan(0);
    // An admission lost with the old ticket is wasted, never "noticed" before it happened.
    for (const q of [r.noticeLatency.visible, r.noticeLatency.hidden])
      expect(q.p50 ?? 0).toBeGreaterThanOrEqual(0);
    const jari = runStrategy(w, "jari", { seed: 2, sample: 1 });
    expect(jari.lostPlaces).toBe(0);
  });

  it("a sampled strategy's load is scaled: 1 in 10 gives the same totals as everyone, within 10 %", () => {
    const w = tiny({
      people: 20_000,
      firstWindowMs: 600_000,
      admitPerSecond: 20,
      capacityPerSecond: 10_000,
      maxMs: 2_000_000,
    });
    const all = runStrategy(w, "fixed-20s", { seed: 3, sample: 1 });
    const sampled = runStrategy(w, "fixed-20s", { seed: 3, sample: 10 });
    expect(sampled.simulatedPeople).toBe(2_000);
    expect(Math.abs(sampled.requests - all.requests) / all.requests).toBeLessThan(0.1);
    // The busiest second of a sample is noisier (each request weighs 10): 20 %.
    expect(Math.abs(sampled.peakLoadRatio - all.peakLoadRatio) / all.peakLoadRatio).toBeLessThan(0.2);
  });
});

describe("population engine: the jari client is the app's policy", () => {
  const w = tiny({ people: 500, admitPerSecond: 0.5, capacityPerSecond: 40, maxMs: 1_500_000 });

  it("calls the app's nextPollDelay, classifyFailure and retryDelay (spied modules)", () => {
    vi.mocked(schedule.nextPollDelay).mockClear();
    vi.mocked(retryPolicy.classifyFailure).mockClear();
    vi.mocked(retryPolicy.retryDelay).mockClear();
    const r = runStrategy(w, "jari", { seed: 4, sample: 1 });
    // Every successful non-final answer is planned by nextPollDelay; every failure by the retry policy.
    expect(vi.mocked(schedule.nextPollDelay).mock.calls.length).toBeGreaterThan(500);
    expect(r.errors.overloaded).toBeGreaterThan(0);
    expect(vi.mocked(retryPolicy.classifyFailure).mock.calls.length).toBe(
      r.errors.overloaded + r.errors.timeouts,
    );
    expect(vi.mocked(retryPolicy.retryDelay).mock.calls.length).toBe(r.errors.overloaded + r.errors.timeouts);
  });

  it("changing the app's schedule changes the engine's result (nothing of it is copied)", () => {
    const normal = runStrategy(w, "jari", { seed: 4, sample: 1 });
    vi.mocked(schedule.nextPollDelay).mockImplementation(() => 1_000);
    try {
      const eager = runStrategy(w, "jari", { seed: 4, sample: 1 });
      expect(eager.requests).toBeGreaterThan(normal.requests * 3);
    } finally {
      vi.mocked(schedule.nextPollDelay).mockReset();
    }
    expect(POLICY.nextPollDelay).not.toBe(schedule.nextPollDelay);
  });
});
