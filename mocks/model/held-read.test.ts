import { describe, expect, it } from "vitest";
import { createBackend, type MockOutcome } from "./index.ts";
import { manualClock, T0 } from "./test/harness.ts";

type Status = { state: string; etaSeconds: number | null; pollAfterSeconds: number };

/** A backend whose held reads pass model time on the manual clock, and records how long each waited. */
function heldSetup(scenario: "calm" | "opening-surge") {
  const clock = manualClock(T0);
  const waits: number[] = [];
  const backend = createBackend({
    scenario,
    now: clock.now,
    wait: async (ms) => {
      waits.push(ms);
      clock.advance(ms);
    },
  });
  const join = async () => {
    const outcome = await backend.handle({
      method: "POST",
      url: "/api/v1/events/c55-59/tickets",
      headers: { "idempotency-key": "00000000-0000-4000-8000-000000000001" },
      body: null,
    });
    if (outcome.kind !== "respond") throw new Error(outcome.kind);
    return JSON.parse(outcome.body ?? "") as { ticket: { id: string; token: string }; status: Status };
  };
  const read = (t: { ticket: { id: string; token: string } }, prefer?: string) =>
    backend.handle({
      method: "GET",
      url: `/api/v1/events/c55-59/tickets/${t.ticket.id}`,
      headers: { authorization: `Bearer ${t.ticket.token}`, ...(prefer ? { prefer } : {}) },
      body: null,
    });
  return { clock, waits, backend, join, read };
}

function answer(outcome: MockOutcome): { status: Status; applied: string | undefined } {
  if (outcome.kind !== "respond") throw new Error(outcome.kind);
  return { status: JSON.parse(outcome.body ?? "") as Status, applied: outcome.headers["preference-applied"] };
}

describe("held status reads, Prefer: wait (contract v1.1)", () => {
  it("holds a read near the front until the admission, and says so", async () => {
    const h = heldSetup("calm");
    const t = await h.join();
    expect(t.status.etaSeconds).toBeLessThanOrEqual(25);
    const start = h.clock.now();
    const { status, applied } = answer(await h.read(t, "wait=25"));
    expect(status.state).toBe("admitted");
    expect(applied).toBe("wait=25");
    // Answered at the change itself: within the ETA's rounding, not after the full 25 s.
    expect(h.clock.now() - start).toBeLessThanOrEqual((t.status.etaSeconds ?? 0) * 1000);
    expect(h.clock.now() - start).toBeGreaterThan(((t.status.etaSeconds ?? 0) - 1) * 1000);
  });

  it("answers after N seconds when nothing changes, inviting the next held read at once", async () => {
    const h = heldSetup("calm");
    const t = await h.join();
    expect(t.status.etaSeconds).toBeGreaterThan(3);
    const { status, applied } = answer(await h.read(t, "respond-async, wait=3"));
    expect(h.waits).toEqual([3000]);
    expect(status.state).toBe("waiting");
    expect(status.pollAfterSeconds).toBe(0);
    expect(applied).toBe("wait=3");
  });

  it("reads N outside 1-30 as the nearest bound", async () => {
    const h = heldSetup("calm");
    const t = await h.join();
    expect(answer(await h.read(t, "wait=0")).applied).toBe("wait=1");
    expect(h.waits).toEqual([1000]);
    expect(answer(await h.read(t, "wait=999")).applied).toBe("wait=30");
  });

  it("answers at once, without Preference-Applied, far from the front, without Prefer, or when the server ignores it", async () => {
    const far = heldSetup("opening-surge");
    const t = await far.join();
    expect(t.status.etaSeconds).toBeGreaterThan(60);
    expect(answer(await far.read(t, "wait=25")).applied).toBeUndefined();
    expect(far.waits).toEqual([]);

    const near = heldSetup("calm");
    const n = await near.join();
    expect(answer(await near.read(n)).applied).toBeUndefined();
    near.backend.faults.configure({ ignoresPrefer: true });
    const ignored = answer(await near.read(n, "wait=25"));
    expect(ignored.applied).toBeUndefined();
    expect(ignored.status.pollAfterSeconds).toBeGreaterThan(0);
    expect(near.waits).toEqual([]);
  });

  it("does not block other requests while it holds", async () => {
    const clock = manualClock(T0);
    let release: () => void = () => undefined;
    const backend = createBackend({
      scenario: "calm",
      now: clock.now,
      wait: () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    });
    const joined = await backend.handle({
      method: "POST",
      url: "/api/v1/events/c55-59/tickets",
      headers: { "idempotency-key": "00000000-0000-4000-8000-000000000001" },
      body: null,
    });
    const t = JSON.parse(joined.kind === "respond" ? (joined.body ?? "") : "") as {
      ticket: { id: string; token: string };
    };
    const held = backend.handle({
      method: "GET",
      url: `/api/v1/events/c55-59/tickets/${t.ticket.id}`,
      headers: { authorization: `Bearer ${t.ticket.token}`, prefer: "wait=25" },
      body: null,
    });
    const time = await backend.handle({ method: "GET", url: "/api/v1/time", headers: {}, body: null });
    expect(time.kind === "respond" && time.status).toBe(200);
    clock.advance(25_000);
    release();
    const late = await held;
    expect(late.kind === "respond" && late.headers["preference-applied"]).toBe("wait=25");
  });
});
