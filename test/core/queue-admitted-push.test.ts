import { describe, expect, it } from "vitest";
import type { QueueStatus } from "../../src/core/contract/types.ts";
import {
  type Ctx,
  type Effect,
  initialState,
  type MachineState,
  MIN_STATUS_GAP_MS,
  type QueueEvent,
  RECHECK_SPREAD_MS,
  reduce,
} from "../../src/core/queue/machine.ts";
import { httpError } from "../support/failures.ts";
import { seededRandom } from "../support/seeded.ts";

// An "admitted" push (contract v1.1) lifts the server's pollAfterSeconds floor once per ticket, so
// the page reads the admission now instead of minutes later; nothing else about pacing changes.

const T = Date.parse("2021-07-19T11:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();
/** Device and monotonic clocks agree here (no clock change in these cases). */
const ctxAt = (now: number): Ctx => ({ now, serverNow: now, mono: now, random: seededRandom(3) });
const POLL_AFTER_S = 300;

const waiting = (at: number): QueueStatus => ({
  state: "waiting",
  number: 1500,
  servingNumber: 1490,
  ahead: 10,
  servingRatePerSecond: 0.01,
  etaSeconds: 1000,
  pollAfterSeconds: POLL_AFTER_S,
  opensAt: iso(T - 3_600_000),
  serverTime: iso(at),
});

function run(events: Array<[number, QueueEvent]>, start: MachineState = initialState(true)) {
  let state = start;
  const effects: Array<[number, Effect]> = [];
  for (const [at, event] of events) {
    const t = reduce(state, event, ctxAt(at));
    state = t.state;
    for (const effect of t.effects) effects.push([at, effect]);
  }
  return { state, effects };
}

const inLine: Array<[number, QueueEvent]> = [
  [T, { type: "loaded", record: null, durable: true }],
  [T, { type: "join", eventId: "e1", joinKey: "k1", existing: null }],
  [T + 100, { type: "joined", response: { ticket: { id: "t1", token: "tok" }, status: waiting(T + 100) } }],
];
const reads = (effects: Array<[number, Effect]>) =>
  effects.filter(([, e]) => e.type === "request" && e.request.op === "status").map(([at]) => at);

describe("an admitted push and the server's floor", () => {
  it("brings the next read from pollAfterSeconds to within the recheck spread", () => {
    const { state } = run([...inLine, [T + 10_000, { type: "wake", admitted: "t1" }]]);
    expect(state.next?.op).toBe("status");
    expect(state.next?.at).toBeGreaterThanOrEqual(T + 10_000);
    expect(state.next?.at).toBeLessThanOrEqual(T + 10_000 + RECHECK_SPREAD_MS);
    const due = state.next?.at ?? 0;
    expect(reads(run([[due, { type: "tick" }]], state).effects)).toEqual([due]);
  });

  it("keeps the floor for a plain wake, another ticket's push, or a second admitted push", () => {
    for (const wake of [{ type: "wake" }, { type: "wake", admitted: "t2" }] as QueueEvent[]) {
      const { state } = run([...inLine, [T + 10_000, wake]]);
      expect(state.next?.at).toBeGreaterThanOrEqual(T + 100 + POLL_AFTER_S * 1000);
    }
    // The first push brought a read forward; its answer (still waiting) sets the floor again.
    const first = run([...inLine, [T + 10_000, { type: "wake", admitted: "t1" }]]);
    const due = first.state.next?.at ?? 0;
    const again = run(
      [
        [due, { type: "tick" }],
        [due + 200, { type: "status", status: waiting(due + 200), ticketId: "t1" }],
        [due + 5_000, { type: "wake", admitted: "t1" }],
      ],
      first.state,
    );
    expect(again.state.next?.at).toBeGreaterThanOrEqual(due + 200 + POLL_AFTER_S * 1000);
  });

  it("never reads within a second of the last read, and never cuts a failure's backoff short", () => {
    // A read goes out on the ordinary schedule; the push arrives 200 ms after it was answered.
    const planned = run(inLine).state.next?.at ?? 0;
    const read = run([[planned, { type: "tick" }]], run(inLine).state);
    expect(reads(read.effects)).toEqual([planned]);
    const answered = run(
      [[planned + 100, { type: "status", status: waiting(planned + 100), ticketId: "t1" }]],
      read.state,
    );
    const pushed = reduce(
      answered.state,
      { type: "wake", admitted: "t1" },
      { ...ctxAt(planned + 200), random: () => 0 },
    );
    expect(pushed.effects).toEqual([]);
    const due = pushed.state.next?.at ?? 0;
    expect(due).toBeLessThan(planned + 100 + POLL_AFTER_S * 1000);
    const early = run([[planned + 500, { type: "tick" }]], pushed.state);
    expect(reads(early.effects)).toEqual([]);
    expect(early.state.next?.at).toBeGreaterThanOrEqual(planned + MIN_STATUS_GAP_MS);
    expect(reads(run([[planned + MIN_STATUS_GAP_MS, { type: "tick" }]], early.state).effects)).toEqual([
      planned + MIN_STATUS_GAP_MS,
    ]);

    // A failed read backs off: the push does not cut that short.
    const failed = run(
      [[planned + 100, { type: "failed", op: "status", error: httpError(502, "bad_gateway") }]],
      read.state,
    );
    const retryAt = failed.state.next?.at ?? Number.NaN;
    const afterFailure = run([[planned + 200, { type: "wake", admitted: "t1" }]], failed.state);
    expect(afterFailure.state.next?.at).toBeGreaterThanOrEqual(retryAt);
    expect(afterFailure.state.turnPushed).toBeNull();
  });

  it("does nothing for a ticket already admitted", () => {
    const admitted: QueueStatus = {
      ...waiting(T + 100),
      state: "admitted",
      ahead: 0,
      admission: { token: "adm", expiresAt: iso(T + 600_000) },
    };
    const { state } = run([
      [T, { type: "loaded", record: null, durable: true }],
      [T, { type: "join", eventId: "e1", joinKey: "k1", existing: null }],
      [T + 100, { type: "joined", response: { ticket: { id: "t1", token: "tok" }, status: admitted } }],
    ]);
    const after = run([[T + 1_000, { type: "wake", admitted: "t1" }]], state);
    expect(after.state.turnPushed).toBeNull();
    expect(reads(after.effects)).toEqual([]);
  });
});
