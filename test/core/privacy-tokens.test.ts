import { describe, expect, it } from "vitest";
import type { QueueStatus } from "../../src/core/contract/types.ts";
import {
  type Ctx,
  type Effect,
  initialState,
  type MachineState,
  type QueueEvent,
  reduce,
  wakeAt,
} from "../../src/core/queue/machine.ts";
import { ownView } from "../../src/core/queue/view.ts";
import {
  admissionMark,
  forgetUsedTicket,
  sameAdmission,
  tokenMark,
  withoutAdmissionToken,
  withoutTokens,
} from "../../src/core/store/admission.ts";
import { createMemoryStore } from "../../src/core/store/memory-store.ts";
import type { TicketRecord } from "../../src/core/store/types.ts";
import { httpError } from "../support/failures.ts";
import { seededRandom } from "../support/seeded.ts";

// Issue 8, point 8 (privacy): once a ticket has ended, or a reservation was made under its
// admission, neither its ticket token nor its admission token stays on the device.

const T = Date.parse("2021-07-19T11:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();
const ctxAt = (now: number): Ctx => ({ now, serverNow: now, random: seededRandom(3) });
const TICKET_TOKEN = "ticket-secret-1";
const ADMISSION_TOKEN = "admission-secret-1";
const ADMISSION = { token: ADMISSION_TOKEN, expiresAt: iso(T + 600_000) };

function status(over: Partial<QueueStatus> = {}): QueueStatus {
  return {
    state: "waiting",
    number: 1500,
    servingNumber: 1000,
    ahead: 500,
    servingRatePerSecond: 10,
    etaSeconds: 50,
    pollAfterSeconds: 5,
    opensAt: iso(T - 3_600_000),
    serverTime: iso(T),
    ...over,
  };
}

const admitted = (): QueueStatus =>
  status({ state: "admitted", ahead: 0, etaSeconds: 0, number: 1000, admission: ADMISSION });

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

const saves = (effects: Effect[]) =>
  effects.flatMap((e) => (e.type === "save" ? [e.record] : ([] as TicketRecord[])));
const requests = (effects: Effect[]) => effects.filter((e) => e.type === "request");
const holdsSecret = (value: unknown) =>
  JSON.stringify(value).includes(TICKET_TOKEN) || JSON.stringify(value).includes(ADMISSION_TOKEN);

/** A waiting ticket (ticket token on the device), then optionally admitted. */
function waiting(): MachineState {
  return run([
    [T, { type: "loaded", record: null, durable: true }],
    [T, { type: "join", eventId: "e1", joinKey: "key-1", existing: null }],
    [T + 100, { type: "joined", response: { ticket: { id: "t1", token: TICKET_TOKEN }, status: status() } }],
  ]).state;
}

function admittedState(): MachineState {
  const state = waiting();
  // The next poll goes out, and answers "admitted".
  const polled = run([[T + 200_000, { type: "tick" }]], state);
  expect(requests(polled.effects)).toHaveLength(1);
  const after = run([[T + 200_100, { type: "status", status: admitted(), ticketId: "t1" }]], polled.state);
  expect(after.state.record?.admission?.token).toBe(ADMISSION_TOKEN);
  return after.state;
}

describe("tokens leave the queue's record when the ticket ends", () => {
  it.each([["left"], ["closed"], ["expired"]] as const)(
    "the server says %s: the saved record keeps neither token",
    (end) => {
      const polled = run([[T + 200_000, { type: "tick" }]], waiting());
      const { state, effects } = run(
        [[T + 200_100, { type: "status", status: status({ state: end }), ticketId: "t1" }]],
        polled.state,
      );
      expect(state.record?.ended).toBe(end);
      expect(saves(effects).length).toBeGreaterThan(0);
      expect(saves(effects).some(holdsSecret)).toBe(false);
      expect(holdsSecret(state.record)).toBe(false);
    },
  );

  it("left by DELETE, moved, and rejected (invalid_token): the saved record keeps neither token", () => {
    // Leaving: the DELETE goes out with the ticket token, and its success ends the record.
    const leaving = run([[T + 300_000, { type: "leave" }]], admittedState());
    const sent = requests(leaving.effects)[0];
    expect(sent?.type === "request" && sent.request.op === "leave" && sent.request.token).toBe(TICKET_TOKEN);
    const left = run([[T + 300_100, { type: "left" }]], leaving.state);
    expect(left.state.record?.ended).toBe("left");
    expect(saves(left.effects).length).toBeGreaterThan(0);
    expect(saves(left.effects).some(holdsSecret)).toBe(false);

    const moved = run([[T + 300_000, { type: "moved" }]], admittedState());
    expect(moved.state.record?.ended).toBe("moved");
    expect(saves(moved.effects).length).toBeGreaterThan(0);
    expect(saves(moved.effects).some(holdsSecret)).toBe(false);

    // A status read refused with invalid_token while waiting.
    const read = run([[T + 200_000, { type: "tick" }]], waiting());
    const refused = run(
      [[T + 200_100, { type: "failed", op: "status", error: httpError(401, "invalid_token") }]],
      read.state,
    );
    expect(refused.state.record?.ended).toBe("rejected");
    expect(saves(refused.effects).length).toBeGreaterThan(0);
    expect(saves(refused.effects).some(holdsSecret)).toBe(false);
  });

  it("a client-side 'expired' keeps the tokens for its one confirming read, and drops them on the server's word", () => {
    const state = admittedState();
    // Past the admission's end on the device: "expired", confirmed by one read sent with the ticket token.
    const due = run([[T + 601_000, { type: "tick" }]], state);
    expect(due.state.record?.ended).toBe("expired");
    const read = requests(due.effects)[0];
    expect(read?.type === "request" && read.request.op === "status" && read.request.token).toBe(TICKET_TOKEN);
    const answered = run(
      [[T + 601_100, { type: "status", status: status({ state: "expired" }), ticketId: "t1" }]],
      due.state,
    );
    expect(answered.state.record?.ended).toBe("expired");
    expect(saves(answered.effects).length).toBeGreaterThan(0);
    expect(saves(answered.effects).some(holdsSecret)).toBe(false);
    expect(holdsSecret(answered.state.record)).toBe(false);
  });

  it("a client-side 'expired' the server contradicts keeps the admission (its token too)", () => {
    const due = run([[T + 601_000, { type: "tick" }]], admittedState());
    expect(due.state.record?.ended).toBe("expired");
    // The answer also corrects the server-time estimate: the window is not over yet.
    const answered = reduce(
      due.state,
      { type: "status", status: admitted(), ticketId: "t1" },
      { ...ctxAt(T + 601_100), serverNow: T + 590_000 },
    );
    expect(answered.state.record?.ended).toBeNull();
    expect(answered.state.record?.admission?.token).toBe(ADMISSION_TOKEN);
    expect(answered.state.record?.ticketToken).toBe(TICKET_TOKEN);
  });
});

describe("tokens leave the queue's record when its admission is used", () => {
  const used = (admission = withoutAdmissionToken(ADMISSION)): [number, QueueEvent] => [
    T + 300_000,
    { type: "admission_used", eventId: "e1", admission },
  ];

  it("the record stays admitted, without tokens, and nothing is read for it again", () => {
    const { state, effects } = run([used()], admittedState());
    expect(saves(effects)).toHaveLength(1);
    expect(saves(effects).some(holdsSecret)).toBe(false);
    expect(holdsSecret(state.record)).toBe(false);
    // The booking can still be reopened from the waiting room: same admission, by its mark.
    expect(ownView(state, ctxAt(T + 300_000)).phase).toBe("admitted");
    expect(sameAdmission(state.record?.admission, ADMISSION)).toBe(true);
    // At the window's end it is over, with no read (no token to send) and no token saved back.
    const later = run(
      [
        [T + 601_000, { type: "tick" }],
        [T + 700_000, { type: "tick" }],
      ],
      state,
    );
    expect(requests(later.effects)).toEqual([]);
    expect(later.state.record?.ended).toBe("expired");
    expect(later.effects.some(holdsSecret)).toBe(false);
    expect(wakeAt(later.state, ctxAt(T + 700_000))).toBeNull();
  });

  it("a late status answer carrying the admission does not bring the tokens back", () => {
    const { state } = run([used()], admittedState());
    const late = run([[T + 300_100, { type: "status", status: admitted(), ticketId: "t1" }]], state);
    expect(holdsSecret(late.state.record)).toBe(false);
    expect(late.effects.some(holdsSecret)).toBe(false);
  });

  it("leaving a used ticket ends it on the device at once (there is no token to DELETE with)", () => {
    const { state } = run([used()], admittedState());
    const left = run([[T + 300_100, { type: "leave" }]], state);
    expect(requests(left.effects)).toEqual([]);
    expect(left.state.record?.ended).toBe("left");
    expect(left.state.leaving).toBe(false);
  });

  it("another admission, or another event, changes nothing", () => {
    const state = admittedState();
    const other = withoutAdmissionToken({ token: "another-admission", expiresAt: ADMISSION.expiresAt });
    expect(run([used(other)], state).effects).toEqual([]);
    const elsewhere = run(
      [[T + 300_000, { type: "admission_used", eventId: "e2", admission: ADMISSION }]],
      state,
    );
    expect(elsewhere.effects).toEqual([]);
    expect(elsewhere.state.record?.ticketToken).toBe(TICKET_TOKEN);
  });

  it("a follower's view of a used admission makes the poller re-read the store", () => {
    const leader = admittedState();
    const view = ownView(run([used()], admittedState()).state, ctxAt(T + 300_000));
    const { effects } = run(
      [[T + 300_100, { type: "remote_view", view: { ...view, leader: false } }]],
      leader,
    );
    expect(effects.map((e) => e.type)).toContain("reload");
  });
});

describe("the admission mark", () => {
  it("a mark tells admissions apart without holding the token", () => {
    const mark = tokenMark(ADMISSION_TOKEN);
    expect(mark).toMatch(/^[0-9a-f]{8}$/);
    expect(mark).not.toBe(tokenMark("admission-secret-2"));
    const kept = withoutAdmissionToken(ADMISSION);
    expect(kept).toEqual({ token: null, expiresAt: ADMISSION.expiresAt, mark });
    expect(admissionMark(kept)).toBe(admissionMark(ADMISSION));
    expect(sameAdmission(kept, ADMISSION)).toBe(true);
    expect(sameAdmission(kept, { ...ADMISSION, token: "admission-secret-2" })).toBe(false);
    expect(sameAdmission(kept, { ...ADMISSION, expiresAt: iso(T + 1) })).toBe(false);
    expect(sameAdmission({ token: null, expiresAt: ADMISSION.expiresAt }, kept)).toBe(false);
  });

  it("withoutTokens drops both tokens and keeps everything else", () => {
    const record: TicketRecord = {
      eventId: "e1",
      joinKey: "k",
      ticketId: "t1",
      ticketToken: TICKET_TOKEN,
      createdAt: T,
      lastStatus: null,
      admission: ADMISSION,
      nextPollAt: 5,
      ended: null,
    };
    const bare = withoutTokens(record);
    expect(holdsSecret(bare)).toBe(false);
    expect(bare).toEqual({ ...record, ticketToken: null, admission: withoutAdmissionToken(ADMISSION) });
    expect(withoutTokens(bare)).toBe(bare);
  });

  it("forgetUsedTicket (no queue client in the tab) rewrites only the active ticket of that admission", async () => {
    const store = createMemoryStore();
    const record: TicketRecord = {
      eventId: "e1",
      joinKey: "k",
      ticketId: "t1",
      ticketToken: TICKET_TOKEN,
      createdAt: T,
      lastStatus: null,
      admission: ADMISSION,
      nextPollAt: 0,
      ended: null,
    };
    await store.putTicket(record);
    const other = withoutAdmissionToken({ ...ADMISSION, token: "admission-secret-2" });
    expect(await forgetUsedTicket(store, "e1", other)).toBe(false);
    expect(await forgetUsedTicket(store, "e2", withoutAdmissionToken(ADMISSION))).toBe(false);
    expect((await store.getTicket("e1"))?.ticketToken).toBe(TICKET_TOKEN);
    expect(await forgetUsedTicket(store, "e1", withoutAdmissionToken(ADMISSION))).toBe(true);
    const kept = await store.getTicket("e1");
    expect(holdsSecret(kept)).toBe(false);
    expect(kept?.ended).toBeNull();
    expect(sameAdmission(kept?.admission, ADMISSION)).toBe(true);
  });
});
