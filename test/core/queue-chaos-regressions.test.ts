import { describe, expect, it } from "vitest";
import { createServerClock } from "../../src/core/clock/server-clock.ts";
import type { QueueStatus } from "../../src/core/contract/types.ts";
import { INITIAL_BACKOFF } from "../../src/core/net/backoff.ts";
import { classifyFailure, retryDelay } from "../../src/core/net/retry-policy.ts";
import {
  type Ctx,
  initialState,
  type MachineState,
  type QueueEvent,
  reduce,
  wakeAt,
} from "../../src/core/queue/machine.ts";
import type { TicketRecord } from "../../src/core/store/types.ts";
import { httpError } from "../support/failures.ts";
import { createFakeClock } from "../support/fake-clock.ts";
import { ticketRecord } from "../support/ticket-record.ts";

/**
 * One regression per waiting-room violation the 10,000-schedule chaos run
 * found (see test/chaos/). Random is pinned to 0 where the old code's
 * early request only happened on a low draw, so each test fails on it.
 */

const T = Date.parse("2021-07-19T11:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();
const zero = () => 0;
const ctx = (now: number, mono: number, over: Partial<Ctx> = {}): Ctx => ({
  now,
  serverNow: now,
  random: zero,
  mono,
  ...over,
});

const savedTicket = ticketRecord;

const waiting = (pollAfterSeconds: number): QueueStatus => ({
  state: "waiting",
  number: 1500,
  servingNumber: 1000,
  ahead: 500,
  servingRatePerSecond: 10,
  etaSeconds: 50,
  pollAfterSeconds,
  opensAt: iso(T - 3_600_000),
  serverTime: iso(T),
});

const requests = (effects: { type: string }[]) => effects.filter((e) => e.type === "request");

/** A leader that joined at device time T (monotonic 0) and got pollAfterSeconds 3. */
function joinedLeader(): MachineState {
  let state = reduce(initialState(true), { type: "loaded", record: null, durable: true }, ctx(T, 0)).state;
  state = reduce(state, { type: "join", eventId: "e1", joinKey: "k1", existing: null }, ctx(T, 0)).state;
  const joined: QueueEvent = {
    type: "joined",
    response: { ticket: { id: "t1", token: "tok" }, status: waiting(3) },
  };
  return reduce(state, joined, ctx(T, 0)).state;
}

describe("waiting-room chaos regressions", () => {
  it("a device clock jumping forward, then a reload of the same ticket, does not read status before pollAfter", () => {
    const state = joinedLeader();
    const record = state.record as TicketRecord;
    // 1 ms later on the monotonic clock the device clock is 4.341 s ahead; another tab's intent makes the leader reload.
    const now = T + 4_342;
    const t = reduce(state, { type: "loaded", record, durable: true }, ctx(now, 1));
    expect(requests(t.effects)).toEqual([]);
    const wake = wakeAt(t.state, ctx(now, 1));
    expect(wake).not.toBeNull();
    // The monotonic floor (3 s after the answer) is still 2,999 ms away.
    expect((wake as number) - now).toBeGreaterThanOrEqual(2_999);
  });

  it("a fresh page keeps the saved floor on its monotonic clock: a clock set forward later does not bring it nearer", () => {
    // Saved before the reload: the server asked for 20 minutes (a 503's Retry-After on the join).
    const pending = savedTicket({ nextPollAt: T + 20 * 60_000 });
    const loaded = reduce(initialState(true), { type: "loaded", record: pending, durable: true }, ctx(T, 0));
    expect(requests(loaded.effects)).toEqual([]);
    // Ten minutes later (monotonic) the device clock is set forward by a day: the saved time has "passed".
    const later = T + 10 * 60_000 + 86_400_000;
    const t = reduce(loaded.state, { type: "tick" }, ctx(later, 10 * 60_000));
    // Before the fix the join went out here, ten minutes early.
    expect(requests(t.effects)).toEqual([]);
    const wake = wakeAt(t.state, ctx(later, 10 * 60_000));
    expect((wake as number) - later).toBeGreaterThanOrEqual(10 * 60_000);
  });

  it("a fresh page waits a second before its first read: the page before it may have just sent one", () => {
    // The closed page's last read went out at T - 300 ms (a held read, cut by the reload); nothing saved says so.
    const ticket = savedTicket({ ticketId: "t1", ticketToken: "tok", nextPollAt: T - 5_000 });
    const loaded = reduce(initialState(true), { type: "loaded", record: ticket, durable: true }, ctx(T, 0));
    expect(requests(loaded.effects)).toEqual([]);
    const early = reduce(loaded.state, { type: "tick" }, ctx(T + 999, 999));
    expect(requests(early.effects)).toEqual([]);
    const due = reduce(early.state, { type: "tick" }, ctx(T + 1_000, 1_000));
    expect(requests(due.effects)).toHaveLength(1);
  });

  it("a tab that becomes leader sends nothing from its follower picture until it has re-read the store", () => {
    // A follower that saw another tab's pending join (it may not send it).
    const pending = savedTicket({ nextPollAt: 0 });
    let state = reduce(
      initialState(false),
      { type: "loaded", record: pending, durable: true },
      ctx(T, 0),
    ).state;
    state = reduce(state, { type: "tick" }, ctx(T + 5_000, 5_000)).state;
    // The old leader has since completed that join; this tab is promoted.
    const t = reduce(state, { type: "leader", leader: true }, ctx(T + 5_000, 5_000));
    expect(requests(t.effects)).toEqual([]);
    expect(t.state.loaded).toBe(false);
  });

  it("an admission that looks expired on an unsynced device clock is confirmed by a read, not ended", () => {
    const admitted = savedTicket({
      ticketId: "t1",
      ticketToken: "tok",
      admission: { token: "adm", expiresAt: iso(T + 60_000) },
      nextPollAt: T,
    });
    // A fresh page whose device clock runs 599 s fast, with no server sample yet.
    const now = T + 599_000;
    const t = reduce(
      { ...initialState(true) },
      { type: "loaded", record: admitted, durable: true },
      ctx(now, 0, { serverTimeKnown: false }),
    );
    expect(t.state.record?.ended).toBeNull();
    expect(t.effects.filter((e) => e.type === "save")).toEqual([]);
    // The confirming read waits out the one-second gap a fresh page keeps (the page before may just have read).
    expect(requests(t.effects)).toEqual([]);
    expect(t.state.next?.op).toBe("status");
    const later = reduce(t.state, { type: "tick" }, ctx(now + 1_000, 1_000, { serverTimeKnown: false }));
    expect(later.state.record?.ended).toBeNull();
    expect(requests(later.effects)).toHaveLength(1);
  });

  it("a reload honours a saved in-bound Retry-After of 56 minutes", () => {
    const record = savedTicket({ nextPollAt: T + 3_391_000 });
    const t = reduce(initialState(true), { type: "loaded", record, durable: true }, ctx(T + 1, 0));
    expect(requests(t.effects)).toEqual([]);
    expect(t.state.next?.at).toBeGreaterThanOrEqual(T + 3_391_000);
  });

  it("a Retry-After of 0 (or a past date) never beats the normal backoff floor", () => {
    const decision = classifyFailure(httpError(429, "rate_limited", 0));
    const [delay] = retryDelay(decision, INITIAL_BACKOFF, zero);
    expect(delay).toBeGreaterThanOrEqual(2_000);
  });

  it("server time is carried on the monotonic clock: a device clock change after the sample does not move it", () => {
    const clock = createFakeClock(T);
    const serverClock = createServerClock(clock);
    serverClock.observe({ sentAt: T, receivedAt: T, serverTime: T, precise: true });
    clock.setSkew(599_000);
    expect(serverClock.serverNow()).toBe(T);
    expect(serverClock.synced?.()).toBe(true);
  });
});
