import { describe, expect, it } from "vitest";
import type { QueueStatus } from "../../src/core/contract/types.ts";
import {
  type Ctx,
  type Effect,
  initialState,
  type MachineState,
  type QueueEvent,
  RECHECK_SPREAD_MS,
  reduce,
  wakeAt,
} from "../../src/core/queue/machine.ts";
import { ownView } from "../../src/core/queue/view.ts";
import type { TicketRecord } from "../../src/core/store/types.ts";
import { httpError, networkError } from "../support/failures.ts";
import { seededRandom } from "../support/seeded.ts";

const T = Date.parse("2021-07-19T11:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();
const ctxAt = (now: number, seed = 1): Ctx => ({ now, serverNow: now, random: seededRandom(seed) });

function status(over: Partial<QueueStatus> = {}, at = T): QueueStatus {
  return {
    state: "waiting",
    number: 1500,
    servingNumber: 1000,
    ahead: 500,
    servingRatePerSecond: 10,
    etaSeconds: 50,
    pollAfterSeconds: 5,
    opensAt: iso(T - 3_600_000),
    serverTime: iso(at),
    ...over,
  };
}

/** Feeds events in order at the given device times; returns the final state and all effects. */
function run(events: Array<[number, QueueEvent]>, start: MachineState = initialState(true)) {
  let state = start;
  const effects: Effect[] = [];
  for (const [at, event] of events) {
    const t = reduce(state, event, ctxAt(at));
    state = t.state;
    effects.push(...t.effects);
  }
  return { state, effects };
}

const loaded: [number, QueueEvent] = [T, { type: "loaded", record: null, durable: true }];
const join: [number, QueueEvent] = [T, { type: "join", eventId: "e1", joinKey: "key-1", existing: null }];
const joined = (s: QueueStatus = status()): [number, QueueEvent] => [
  T + 100,
  { type: "joined", response: { ticket: { id: "t1", token: "tok" }, status: s } },
];

describe("queue reducer", () => {
  it("keeps the operators' notice of the last status for the screen, and drops it when the next has none", () => {
    const notice = { ko: "서울 마감", en: "Seoul is full" };
    const { state } = run([loaded, join, joined(status({ notice }))]);
    expect(ownView(state, ctxAt(T + 200)).operatorNotice).toEqual(notice);
    const next = reduce(
      state,
      { type: "status", status: status({}, T + 6000), ticketId: "t1" },
      ctxAt(T + 6000),
    );
    expect(ownView(next.state, ctxAt(T + 6000)).operatorNotice).toBeNull();
  });

  it("saves the pending join (with its key) before the join request goes out", () => {
    const { effects, state } = run([loaded, join]);
    expect(effects.map((e) => e.type)).toEqual(["save", "request"]);
    const saved = effects[0];
    expect(saved?.type === "save" && saved.record).toMatchObject({
      ticketId: null,
      joinKey: "key-1",
      eventId: "e1",
    });
    expect(effects[1]).toEqual({ type: "request", request: { op: "join", eventId: "e1", joinKey: "key-1" } });
    expect(ownView(state, ctxAt(T)).phase).toBe("joining");
  });

  it("saves the ticket with its first status, and plans the next read no sooner than pollAfterSeconds", () => {
    const { effects, state } = run([loaded, join, joined()]);
    const saves = effects.filter((e) => e.type === "save");
    const last = saves.at(-1);
    expect(last?.type === "save" && last.record).toMatchObject({ ticketId: "t1", ticketToken: "tok" });
    expect(last?.type === "save" && last.record.nextPollAt).toBe(T + 100 + 5000);
    expect(state.next?.op).toBe("status");
    expect(state.next?.at).toBeGreaterThanOrEqual(T + 100 + 5000);
  });

  it("a second join tap while in line sends nothing", () => {
    const { effects } = run([
      loaded,
      join,
      joined(),
      [T + 200, { type: "join", eventId: "e1", joinKey: "key-2", existing: null }],
    ]);
    expect(effects.filter((e) => e.type === "request")).toHaveLength(1);
  });

  it("saves the admission before announcing it, and announces each admission once", () => {
    const admitted = status({
      state: "admitted",
      ahead: 0,
      admission: { token: "adm-1", expiresAt: iso(T + 600_000) },
    });
    const { effects } = run([
      loaded,
      join,
      joined(),
      [T + 6000, { type: "tick" }],
      [T + 6100, { type: "status", status: admitted, ticketId: "t1" }],
      [T + 40_000, { type: "status", status: admitted, ticketId: "t1" }],
    ]);
    const types = effects.map((e) => e.type);
    const alertAt = types.indexOf("alert");
    expect(alertAt).toBeGreaterThan(0);
    const before = effects[alertAt - 1];
    expect(before?.type === "save" && before.record.admission?.token).toBe("adm-1");
    expect(types.filter((t) => t === "alert")).toHaveLength(1);
  });

  it("after a 503 with Retry-After, waits at least that long (and persists it)", () => {
    const { state, effects } = run([
      loaded,
      join,
      joined(),
      [T + 6000, { type: "tick" }],
      [T + 6100, { type: "failed", op: "status", error: httpError(503, "overloaded", 20_000) }],
    ]);
    expect(state.next?.at).toBeGreaterThanOrEqual(T + 6100 + 20_000);
    const last = effects.filter((e) => e.type === "save").at(-1);
    expect(last?.type === "save" && last.record.nextPollAt).toBe(T + 6100 + 20_000);
    expect(ownView(state, ctxAt(T + 6100)).notice?.code).toBe("overloaded");
  });

  it("offline: no request even when due; online: one re-check within the spread, not before allowed", () => {
    const offline = run([loaded, join, joined(), [T + 200, { type: "online", online: false }]]);
    expect(wakeAt(offline.state, ctxAt(T + 200))).toBeNull();
    const tick = reduce(offline.state, { type: "tick" }, ctxAt(T + 60_000));
    expect(tick.effects).toEqual([]);
    const back = reduce(tick.state, { type: "online", online: true }, ctxAt(T + 60_000));
    const at = back.state.next?.at ?? 0;
    expect(at).toBeGreaterThanOrEqual(T + 60_000);
    expect(at).toBeLessThanOrEqual(T + 60_000 + RECHECK_SPREAD_MS);
    // Coming back before the server's floor does not move the check earlier than the floor.
    const early = run([
      loaded,
      join,
      joined(),
      [T + 200, { type: "online", online: false }],
      [T + 300, { type: "online", online: true }],
    ]);
    expect(early.state.next?.at).toBeGreaterThanOrEqual(T + 100 + 5000);
  });

  it("moves to expired when server time passes expiresAt, then confirms with one read", () => {
    const admitted = status({
      state: "admitted",
      ahead: 0,
      admission: { token: "adm", expiresAt: iso(T + 600_000) },
    });
    const { state } = run([loaded, join, joined(admitted)]);
    expect(wakeAt(state, ctxAt(T + 1000))).toBe(T + 600_000);
    const t = reduce(state, { type: "tick" }, ctxAt(T + 600_001));
    expect(t.state.record?.ended).toBe("expired");
    expect(t.effects.map((e) => e.type)).toEqual(["save", "request"]);
  });

  it("a device clock hours off does not move the expiry: it is kept in server time", () => {
    const admitted = status({
      state: "admitted",
      ahead: 0,
      admission: { token: "adm", expiresAt: iso(T + 600_000) },
    });
    const skew = -5 * 3_600_000;
    const ctx = (trueNow: number): Ctx => ({
      now: trueNow + skew,
      serverNow: trueNow,
      random: seededRandom(1),
    });
    let s = reduce(initialState(true), { type: "loaded", record: null, durable: true }, ctx(T)).state;
    s = reduce(s, { type: "join", eventId: "e1", joinKey: "k", existing: null }, ctx(T)).state;
    s = reduce(
      s,
      { type: "joined", response: { ticket: { id: "t1", token: "tok" }, status: admitted } },
      ctx(T),
    ).state;
    expect(wakeAt(s, ctx(T))).toBe(T + 600_000 + skew);
    expect(reduce(s, { type: "tick" }, ctx(T + 599_000)).state.record?.ended).toBeNull();
  });

  it("401 invalid_token ends the ticket as rejected; a network error only retries", () => {
    const base = run([loaded, join, joined(), [T + 6000, { type: "tick" }]]);
    const rejected = reduce(
      base.state,
      { type: "failed", op: "status", error: httpError(401, "invalid_token") },
      ctxAt(T + 6100),
    );
    expect(rejected.state.record?.ended).toBe("rejected");
    expect(ownView(rejected.state, ctxAt(T)).phase).toBe("error");
    const retried = reduce(
      base.state,
      { type: "failed", op: "status", error: networkError() },
      ctxAt(T + 6100),
    );
    expect(retried.state.record?.ended).toBeNull();
    expect(retried.state.next?.op).toBe("status");
  });

  it("resumes a saved ticket (no join) and a pending join with the SAME key", () => {
    const saved: TicketRecord = {
      eventId: "e1",
      joinKey: "key-1",
      ticketId: "t1",
      ticketToken: "tok",
      createdAt: T,
      lastStatus: null,
      admission: null,
      nextPollAt: T + 30_000,
      ended: null,
    };
    const resumed = run([[T + 1000, { type: "loaded", record: saved, durable: true }]]);
    expect(resumed.effects).toEqual([]);
    expect(resumed.state.next).toMatchObject({ op: "status" });
    expect(resumed.state.next?.at).toBeGreaterThanOrEqual(T + 30_000);

    const pending = { ...saved, ticketId: null, ticketToken: null, nextPollAt: 0 };
    const again = run([
      [T + 1000, { type: "loaded", record: pending, durable: true }],
      [T + 3000, { type: "tick" }],
    ]);
    expect(again.effects).toContainEqual({
      type: "request",
      request: { op: "join", eventId: "e1", joinKey: "key-1" },
    });
  });

  it("leaving before the join answered: ends locally, and deletes the ticket if the join went through", () => {
    const { state, effects } = run([loaded, join, [T + 10, { type: "leave" }], joined()]);
    expect(effects.at(-1)).toEqual({
      type: "request",
      request: { op: "leave", eventId: "e1", ticketId: "t1", token: "tok" },
    });
    const done = reduce(state, { type: "left" }, ctxAt(T + 200));
    expect(done.state.record?.ended).toBe("left");
  });

  it("queue_not_open: asks for the events, then joins just after the pre-queue opens", () => {
    const prequeueAt = T + 3_600_000;
    const { state } = run([
      loaded,
      join,
      [T + 100, { type: "failed", op: "join", error: httpError(409, "queue_not_open") }],
      [T + 100, { type: "tick" }],
      [
        T + 200,
        {
          type: "events",
          events: [
            {
              id: "e1",
              name: { ko: "", en: "" },
              opensAt: iso(prequeueAt + 3_600_000),
              closesAt: iso(prequeueAt + 86_400_000),
              prequeueOpensAt: iso(prequeueAt),
              cohort: { birthYearFrom: 1967, birthYearTo: 1971 },
              status: "upcoming",
            },
          ],
        },
      ],
    ]);
    expect(state.next?.op).toBe("join");
    expect(state.next?.at).toBeGreaterThanOrEqual(prequeueAt);
    expect(state.record?.joinKey).toBe("key-1");
  });
});
