import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEMO_FAULTS, faultCommand, STORM_SECONDS } from "./demo-actions.ts";
import { recordRequests } from "./demo-recorder.ts";
import { demoSession, FRESH_KEY, restartUrl, startDemoSession } from "./demo-session.ts";
import { MOCK_STORAGE_KEY } from "./demo-state.ts";
import { createBackend, type MockRequest } from "./model/index.ts";

const status: MockRequest = { method: "GET", url: "/api/v1/events", headers: {}, body: null };
const storage = new Map<string, string>();

beforeEach(() => {
  storage.clear();
  vi.stubGlobal("localStorage", {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => void storage.set(key, value),
    removeItem: (key: string) => void storage.delete(key),
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("the demo panel's faults, through the control API", () => {
  it("names a control command for every server-side fault; offline is the page's own", () => {
    for (const fault of DEMO_FAULTS) {
      if (fault === "offline") expect(faultCommand(fault)).toBeNull();
      else expect(faultCommand(fault)).not.toBeNull();
    }
    expect(faultCommand("no-push", false)).toEqual({ configure: { pushUnavailable: false } });
  });

  it("storm: every request gets 503 with Retry-After for 30 s, then the server answers again", async () => {
    vi.useFakeTimers({ now: Date.parse("2021-07-19T11:00:00Z"), toFake: ["Date"] });
    const backend = createBackend({ scenario: "calm", seed: 1 });
    const session = startDemoSession(backend, recordRequests(backend).log);
    expect(demoSession()).toBe(session);
    session.inject("storm");
    const refused = await backend.handle(status);
    expect(refused).toMatchObject({ kind: "respond", status: 503 });
    expect(refused.kind === "respond" && refused.headers["retry-after"]).toBe(String(STORM_SECONDS));
    vi.setSystemTime(Date.now() + STORM_SECONDS * 1000);
    expect(await backend.handle(status)).toMatchObject({ kind: "respond", status: 200 });
  });

  it("drop hits the next request only; the switches show in the settings", async () => {
    const backend = createBackend({ scenario: "calm", seed: 1 });
    const { log } = recordRequests(backend);
    const session = startDemoSession(backend, log);
    session.inject("drop");
    expect((await backend.handle(status)).kind).toBe("drop");
    expect((await backend.handle(status)).kind).toBe("respond");
    expect(session.settings()).toMatchObject({ scenario: "calm", speed: 1, ignoresPrefer: false });
    session.inject("no-held-reads", true);
    session.inject("no-push", true);
    expect(session.settings()).toMatchObject({ pushUnavailable: true, ignoresPrefer: true });
    session.inject("offline");
    expect(log.offlineUntil()).toBeGreaterThan(Date.now());
  });

  it("restart loads the start page with the scenario and speed, forgetting the saved backend", () => {
    expect(
      restartUrl("http://x.test/queue/c55-59?seed=4&lang=en#h", { scenario: "overload", speed: 60 }),
    ).toBe("http://x.test/?lang=en&scenario=overload&speed=60");
    const assign = vi.fn();
    vi.stubGlobal("location", { href: "http://x.test/?scenario=calm", assign });
    storage.set(MOCK_STORAGE_KEY, "{}");
    const backend = createBackend({});
    startDemoSession(backend, recordRequests(backend).log).restart({ scenario: "flaky", speed: 10 });
    expect(storage.has(MOCK_STORAGE_KEY)).toBe(false);
    expect(storage.get(FRESH_KEY)).toBe("1");
    expect(assign).toHaveBeenCalledWith("http://x.test/?scenario=flaky&speed=10");
  });
});
