import { describe, expect, it } from "vitest";
import { eventOfPath, liveLine, liveLineFromSnapshot } from "./demo-live.ts";
import { createBackend } from "./model/index.ts";
import { parseSnapshot } from "./model/state.ts";

const START = Date.parse("2021-07-19T11:00:00Z");

describe("liveLine: the mock server's line and load for the demo chart", () => {
  it("opening-surge: 1.2 million in line at opening, 850 admitted a second, the line moving", () => {
    const backend = createBackend({ scenario: "opening-surge", seed: 1, now: () => START });
    const state = parseSnapshot(backend.snapshot());
    const now = liveLine(state, START + 1_000);
    expect(now).toMatchObject({
      eventId: "c55-59",
      status: "open",
      admitPerSecond: 850,
      capacityPerSecond: null,
    });
    expect(now.inLine).toBeGreaterThan(1_000_000);
    const later = liveLine(state, START + 11_000);
    expect(later.serving - now.serving).toBe(8_500);
  });

  it("speed multiplies the admissions; a pre-queue counts everyone in it", () => {
    const backend = createBackend({ scenario: "opening-surge", seed: 1, speed: 10, now: () => START });
    const state = parseSnapshot(backend.snapshot());
    expect(liveLine(state, START + 1_000).admitPerSecond).toBe(8_500);
    const prequeue = liveLine(state, START + 1_000, "c53-54");
    expect(prequeue).toMatchObject({ eventId: "c53-54", status: "prequeue", serving: 0 });
    expect(prequeue.inLine).toBe(1_200_000);
  });

  it("overload shows its capacity; an outage shows as such; requests a second come from the last whole second", async () => {
    let t = START + 500;
    const backend = createBackend({ scenario: "overload", seed: 1, now: () => t });
    for (let i = 0; i < 3; i++)
      await backend.handle({ method: "GET", url: "/api/v1/events", headers: {}, body: null });
    t = START + 1_200;
    const state = parseSnapshot(backend.snapshot());
    expect(liveLine(state, t)).toMatchObject({ capacityPerSecond: 50, requestsPerSecond: 3, outage: false });
    expect(liveLine(state, START + 5_000).requestsPerSecond).toBe(0);
    backend.faults.configure({ outage: { fromMs: START, toMs: START + 30_000 } });
    expect(liveLineFromSnapshot(backend.snapshot(), t)?.outage).toBe(true);
  });

  it("reads nothing from a broken snapshot; finds the event in a path", () => {
    expect(liveLineFromSnapshot("nope", START)).toBeNull();
    expect(eventOfPath("/api/v1/events/c55-59/tickets/t1")).toBe("c55-59");
    expect(eventOfPath("/api/v1/centers")).toBeNull();
  });
});
