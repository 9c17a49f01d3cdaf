import type { Random } from "../clock/types.ts";
import type { BookingEvent, JoinResponse, QueueStatus } from "../contract/types.ts";
import { type BackoffState, INITIAL_BACKOFF } from "../net/backoff.ts";
import { classifyFailure, type RetryDecision, retryDelay } from "../net/retry-policy.ts";
import type { TicketRecord } from "../store/types.ts";
import { nextPollDelay } from "./schedule.ts";
import type { QueueNotice, QueueView } from "./types.ts";

/**
 * The waiting room as a pure reducer: `(state, event, ctx) → { state, effects }`.
 * The runner (./client.ts) performs the effects in order — saves first, then
 * the view, then requests — and turns their outcomes back into events.
 * Device times (`now`, `next.at`) drive timers; server times drive what the
 * user is shown (admission expiry, opening).
 */

/** The kinds of request the waiting room makes. */
export type Op = "join" | "status" | "leave" | "events";

export interface MachineState {
  /** false until resume() or join() has read the store. */
  loaded: boolean;
  record: TicketRecord | null;
  online: boolean;
  visible: boolean;
  /** This tab is the device's poller. */
  leader: boolean;
  durable: boolean;
  /** Storage failed during this session (we fell back to memory). */
  storageFailed: boolean;
  /** Requests in flight; at most one of each. */
  inFlight: Op[];
  /** The next request and the device time it is due. */
  next: { op: Op; at: number } | null;
  /** Device time before which the server does not want to hear from us (pollAfter / Retry-After). */
  allowedAt: number;
  backoff: BackoffState;
  /** The last transient problem (cleared by the next success). */
  notice: QueueNotice | null;
  /** The user asked to leave; the DELETE is pending. */
  leaving: boolean;
  /** A join this tab was asked for (a follower may send it; it never polls). */
  ownsJoin: boolean;
  /** Admission token already announced, so onAdmitted fires once per admission. */
  alerted: string | null;
  /** The leader's last published view, for followers. */
  mirror: QueueView | null;
}

/** Read once per transition from the runner's injected clock, server clock and random source. */
export interface Ctx {
  now: number;
  serverNow: number;
  random: Random;
}

export type QueueEvent =
  /** `joinGraceMs`: another tab is joining right now; take its pending join over only if it goes quiet. */
  | { type: "loaded"; record: TicketRecord | null; durable: boolean; joinGraceMs?: number }
  | { type: "join"; eventId: string; joinKey: string; existing: TicketRecord | null }
  | { type: "joined"; response: JoinResponse }
  | { type: "status"; status: QueueStatus; ticketId: string }
  | { type: "events"; events: BookingEvent[] }
  | { type: "left" }
  | { type: "failed"; op: Op; error: unknown }
  | { type: "tick" }
  /** The device clock was set back while we waited (a timer fired "early" by `byMs` < 0). */
  | { type: "clock_jumped"; byMs: number }
  | { type: "online"; online: boolean }
  | { type: "visible"; visible: boolean }
  | { type: "leader"; leader: boolean }
  | { type: "leave" }
  | { type: "dismiss" }
  | { type: "storage_failed" }
  | { type: "remote_view"; view: QueueView };

export type Request =
  | { op: "join"; eventId: string; joinKey: string }
  | { op: "status" | "leave"; eventId: string; ticketId: string; token: string }
  | { op: "events" };

export type Effect =
  | { type: "save"; record: TicketRecord }
  | { type: "delete"; eventId: string }
  | { type: "request"; request: Request }
  | { type: "alert" }
  /** The leader learned that another tab changed the ticket: re-read the store. */
  | { type: "reload"; joinGraceMs: number };

export interface Transition {
  state: MachineState;
  effects: Effect[];
}

/** After coming back online or to the foreground: one check within this spread (never before allowedAt). */
export const RECHECK_SPREAD_MS = 3_000;
/** A saved "not before" further away than this is distrusted (the device clock was changed). */
export const MAX_SAVED_WAIT_MS = 15 * 60_000;
/** After a restart: a small spread so a crowd restarting together does not ask together. */
export const RESUME_SPREAD_MS = 1_000;
/** A follower's join in flight gets this long (> a request timeout) before the leader sends it too. */
export const JOIN_GRACE_MS = 15_000;
/** When a queue is about to open: join within this spread after opening. */
export const OPEN_SPREAD_MS = 5_000;

export function initialState(leader: boolean): MachineState {
  return {
    loaded: false,
    record: null,
    online: true,
    visible: true,
    leader,
    durable: true,
    storageFailed: false,
    inFlight: [],
    next: null,
    allowedAt: 0,
    backoff: INITIAL_BACKOFF,
    notice: null,
    leaving: false,
    ownsJoin: false,
    alerted: null,
    mirror: null,
  };
}

const parseTime = (value: string, fallback: number): number => {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? fallback : ms;
};

/** Admission expiry in server ms, or null. */
export function admissionExpiresAt(record: TicketRecord | null): number | null {
  if (!record?.admission) return null;
  const at = Date.parse(record.admission.expiresAt);
  return Number.isNaN(at) ? null : at;
}

const isActive = (record: TicketRecord | null): record is TicketRecord & { ended: null } =>
  record !== null && record.ended === null;

function canSend(state: MachineState, op: Op): boolean {
  if (!state.loaded || !state.online || state.inFlight.includes(op)) return false;
  if (op === "leave") return true;
  if (state.inFlight.length > 0) return false;
  if (op === "join") return state.leader || state.ownsJoin;
  return state.leader;
}

function requestFor(state: MachineState, op: Op): Request | null {
  const record = state.record;
  if (op === "events") return { op };
  if (!record) return null;
  if (op === "join") return { op, eventId: record.eventId, joinKey: record.joinKey };
  if (record.ticketId === null || record.ticketToken === null) return null;
  return { op, eventId: record.eventId, ticketId: record.ticketId, token: record.ticketToken };
}

/** Sends the next request if it is due and allowed. Runs at the end of every transition. */
function sendIfDue(t: Transition, ctx: Ctx): Transition {
  const { state } = t;
  const next = state.next;
  if (!next || next.at > ctx.now || !canSend(state, next.op)) return t;
  const request = requestFor(state, next.op);
  if (!request) return { state: { ...state, next: null }, effects: t.effects };
  return {
    state: { ...state, next: null, inFlight: [...state.inFlight, next.op] },
    effects: [...t.effects, { type: "request", request }],
  };
}

const done = (state: MachineState, inFlightOp: Op): MachineState => ({
  ...state,
  inFlight: state.inFlight.filter((op) => op !== inFlightOp),
});

const save = (state: MachineState, record: TicketRecord, effects: Effect[] = []): Transition => ({
  state: { ...state, record },
  effects: [...effects, { type: "save", record }],
});

/** Serves a record read from the store: never replaced, only resumed. */
function resumeRecord(
  state: MachineState,
  record: TicketRecord | null,
  ctx: Ctx,
  joinGraceMs = 0,
): Transition {
  const base: MachineState = {
    ...state,
    loaded: true,
    record,
    next: null,
    notice: null,
    leaving: false,
    backoff: INITIAL_BACKOFF,
    allowedAt: record ? Math.min(record.nextPollAt, ctx.now + MAX_SAVED_WAIT_MS) : 0,
    // An admission already in the store was announced when it arrived.
    alerted: record?.admission?.token ?? state.alerted,
  };
  if (!isActive(record)) return { state: base, effects: [] };
  // A saved nextPollAt far in the future means the device clock was set back since: cap it.
  const notBefore = Math.min(record.nextPollAt, ctx.now + MAX_SAVED_WAIT_MS);
  const at = Math.max(notBefore, ctx.now + ctx.random() * RESUME_SPREAD_MS);
  if (record.ticketId === null)
    return { state: { ...base, next: { op: "join", at: at + joinGraceMs } }, effects: [] };
  if (record.admission) return expireIfDue({ state: base, effects: [] }, ctx);
  return { state: { ...base, next: { op: "status", at } }, effects: [] };
}

/** Admission countdown in server time: past expiresAt we say "expired", then confirm with one read. */
function expireIfDue(t: Transition, ctx: Ctx): Transition {
  const record = t.state.record;
  const expiresAt = admissionExpiresAt(record);
  if (!isActive(record) || expiresAt === null || ctx.serverNow < expiresAt) return t;
  const ended: TicketRecord = { ...record, ended: "expired" };
  return {
    state: { ...t.state, record: ended, next: { op: "status", at: Math.max(ctx.now, t.state.allowedAt) } },
    effects: [...t.effects, { type: "save", record: ended }],
  };
}

function startJoin(state: MachineState, event: Extract<QueueEvent, { type: "join" }>, ctx: Ctx): Transition {
  const current = state.record;
  // One line at a time; a second tap on join while in line is a no-op.
  if (isActive(current)) return { state: { ...state, loaded: true }, effects: [] };
  if (isActive(event.existing)) return resumeRecord(state, event.existing, ctx);
  const record: TicketRecord = {
    eventId: event.eventId,
    joinKey: event.joinKey,
    ticketId: null,
    ticketToken: null,
    createdAt: ctx.now,
    lastStatus: null,
    admission: null,
    nextPollAt: 0,
    ended: null,
    firstServingNumber: null,
  };
  const effects: Effect[] = [];
  if (current && current.eventId !== event.eventId)
    effects.push({ type: "delete", eventId: current.eventId });
  const next: MachineState = {
    ...state,
    loaded: true,
    ownsJoin: true,
    leaving: false,
    notice: null,
    backoff: INITIAL_BACKOFF,
    allowedAt: 0,
    next: { op: "join", at: ctx.now },
  };
  // The pending join is saved before the request is sent (effects run in order).
  return save(next, record, effects);
}

/** Applies a status from the server (join answer or status read) and plans the next read. */
function applyStatus(state: MachineState, status: QueueStatus, ctx: Ctx): Transition {
  const record = state.record;
  if (!record) return { state, effects: [] };
  // A final state is final; only a client-side "expired" awaits the server's word.
  if (record.ended !== null && record.ended !== "expired") return { state, effects: [] };
  const observedAt = parseTime(status.serverTime, ctx.serverNow);
  const updated: TicketRecord = {
    ...record,
    ended: null,
    lastStatus: {
      state: status.state,
      number: status.number,
      servingNumber: status.servingNumber,
      ahead: status.ahead,
      servingRatePerSecond: status.servingRatePerSecond,
      etaSeconds: status.etaSeconds,
      opensAt: status.opensAt,
      observedAt,
    },
    firstServingNumber:
      record.firstServingNumber ??
      (status.number !== null ? Math.min(status.servingNumber, status.number) : null),
  };
  const floorMs = status.pollAfterSeconds * 1000;
  const allowedAt = ctx.now + floorMs;
  const base: MachineState = {
    ...state,
    notice: null,
    backoff: INITIAL_BACKOFF,
    allowedAt,
    next: null,
  };

  switch (status.state) {
    case "admitted": {
      if (!status.admission) return failed(state, "status", null, ctx);
      const admitted: TicketRecord = { ...updated, admission: status.admission, nextPollAt: allowedAt };
      const effects: Effect[] = [{ type: "save", record: admitted }];
      const fresh = base.alerted !== status.admission.token;
      if (fresh) effects.push({ type: "alert" });
      return expireIfDue(
        { state: { ...base, record: admitted, alerted: status.admission.token }, effects },
        ctx,
      );
    }
    case "expired":
    case "left":
    case "closed":
      return save(base, { ...updated, ended: status.state, nextPollAt: allowedAt });
    case "prequeue":
    case "waiting": {
      const delay = nextPollDelay(
        {
          state: status.state,
          ahead: status.ahead,
          servingRatePerSecond: status.servingRatePerSecond,
          opensAt: parseTime(status.opensAt, ctx.serverNow),
          serverNow: observedAt,
          floorMs,
          visible: state.visible,
        },
        ctx.random,
      );
      const waiting: TicketRecord = { ...updated, admission: null, nextPollAt: allowedAt };
      return save({ ...base, next: { op: "status", at: ctx.now + delay } }, waiting);
    }
  }
}

const noticeAt = (code: string, at: number | null, ctx: Ctx): QueueNotice => ({
  code,
  retryAt: at === null ? null : at + (ctx.serverNow - ctx.now),
});

/** Schedules a retry of `op` after a failure, honoring Retry-After (persisted, so a reload honors it too). */
function retryLater(state: MachineState, op: Op, decision: RetryDecision, ctx: Ctx): Transition {
  const [delay, backoff] = retryDelay(decision, state.backoff, ctx.random);
  const at = ctx.now + delay;
  const allowedAt = Math.max(state.allowedAt, ctx.now + (decision.notBeforeMs ?? 0));
  const next: MachineState = {
    ...state,
    backoff,
    allowedAt,
    next: { op, at },
    notice: noticeAt(decision.code, at, ctx),
  };
  const record = state.record;
  if (record && allowedAt > record.nextPollAt && op !== "events")
    return save(next, { ...record, nextPollAt: allowedAt });
  return { state: next, effects: [] };
}

const endWith = (
  state: MachineState,
  ended: NonNullable<TicketRecord["ended"]>,
  code: string | null,
): Transition => {
  const record = state.record;
  const next: MachineState = {
    ...state,
    next: null,
    leaving: false,
    notice: code ? { code, retryAt: null } : null,
  };
  if (!record) return { state: next, effects: [] };
  return save(next, { ...record, ended });
};

const politely = (decision: RetryDecision): RetryDecision => ({ ...decision, retry: true, polite: true });

function failed(state: MachineState, op: Op, error: unknown, ctx: Ctx): Transition {
  const decision = error === null ? politely(classifyFailure(null)) : classifyFailure(error);
  if (error === null) decision.code = "invalid_response";
  if (decision.code === "aborted") return { state, effects: [] };
  switch (op) {
    case "status":
      if (decision.retry) return retryLater(state, op, decision, ctx);
      if (decision.code === "invalid_token" || decision.code === "not_found")
        return endWith(state, "rejected", decision.code);
      return retryLater(state, op, politely(decision), ctx);
    case "join":
      if (decision.retry) return retryLater(state, op, decision, ctx);
      if (decision.code === "queue_closed") return endWith(state, "closed", decision.code);
      if (decision.code === "queue_not_open") {
        if (decision.notBeforeMs !== null) return retryLater(state, op, decision, ctx);
        const at = ctx.now;
        return {
          state: { ...state, next: { op: "events", at }, notice: noticeAt(decision.code, null, ctx) },
          effects: [],
        };
      }
      return endWith(state, "rejected", decision.code);
    case "events":
      return retryLater(state, op, decision.retry ? decision : politely(decision), ctx);
    case "leave":
      if (decision.retry) return retryLater(state, op, decision, ctx);
      // The ticket is already gone (or never was ours): leaving has happened.
      if (decision.code === "invalid_token" || decision.code === "not_found")
        return endWith(state, "left", null);
      return {
        state: { ...state, leaving: false, notice: { code: decision.code, retryAt: null } },
        effects: [],
      };
  }
}

/** queue_not_open: join again just after the pre-queue (or the queue) opens, spread across clients. */
function planJoinAtOpening(state: MachineState, events: BookingEvent[], ctx: Ctx): Transition {
  const record = state.record;
  const event = events.find((e) => e.id === record?.eventId);
  if (!record || !event) return endWith(state, "rejected", "not_found");
  if (event.status === "closed") return endWith(state, "closed", "queue_closed");
  const prequeueAt = event.prequeueOpensAt === null ? null : parseTime(event.prequeueOpensAt, ctx.serverNow);
  const opensAt = parseTime(event.opensAt, ctx.serverNow);
  const openingAt = prequeueAt !== null && ctx.serverNow < prequeueAt ? prequeueAt : opensAt;
  const untilOpen = Math.max(0, openingAt - ctx.serverNow);
  // If the list says "open" but the join said "not open" (clocks disagree), back off rather than loop.
  const [backoffMs, backoff] = retryDelay(
    { retry: true, notBeforeMs: null, code: "queue_not_open", polite: false },
    state.backoff,
    ctx.random,
  );
  const at = ctx.now + Math.max(untilOpen + ctx.random() * OPEN_SPREAD_MS, untilOpen > 0 ? 0 : backoffMs);
  return {
    state: { ...state, backoff, next: { op: "join", at }, notice: noticeAt("queue_not_open", at, ctx) },
    effects: [],
  };
}

/** One jittered re-check after coming back (online or foreground): sooner than planned, never sooner than allowed. */
function recheck(state: MachineState, ctx: Ctx): MachineState {
  const next = state.next;
  if (!next || next.op === "leave") return state;
  const soon = ctx.now + ctx.random() * RECHECK_SPREAD_MS;
  // A check that fell due while offline is spread too: a crowd reconnecting together must not ask together.
  const planned = next.at <= ctx.now ? soon : Math.min(next.at, soon);
  return {
    ...state,
    backoff: INITIAL_BACKOFF,
    next: { op: next.op, at: Math.max(state.allowedAt, planned) },
  };
}

function transition(state: MachineState, event: QueueEvent, ctx: Ctx): Transition {
  switch (event.type) {
    case "loaded":
      return resumeRecord(
        { ...state, durable: event.durable && !state.storageFailed },
        event.record,
        ctx,
        event.joinGraceMs,
      );
    case "join":
      return startJoin(state, event, ctx);
    case "joined": {
      const s = { ...done(state, "join"), ownsJoin: false };
      const record = s.record;
      if (!record || record.ticketId !== null) return { state: s, effects: [] };
      const withTicket: TicketRecord = {
        ...record,
        ticketId: event.response.ticket.id,
        ticketToken: event.response.ticket.token,
      };
      // The user left while the join was in flight: the ticket exists now, so delete it.
      if (record.ended === "left") {
        return save(
          { ...s, leaving: true, next: { op: "leave", at: ctx.now } },
          { ...withTicket, ended: null },
        );
      }
      if (record.ended !== null) return { state: s, effects: [] };
      const saved = save(s, withTicket);
      const applied = applyStatus(saved.state, event.response.status, ctx);
      return { state: applied.state, effects: [...saved.effects, ...applied.effects] };
    }
    case "status": {
      const s = done(state, "status");
      // Stale answers (another ticket, or we are leaving) change nothing.
      if (s.record?.ticketId !== event.ticketId || s.leaving) return { state: s, effects: [] };
      return applyStatus(s, event.status, ctx);
    }
    case "events":
      return planJoinAtOpening(done(state, "events"), event.events, ctx);
    case "left":
      return endWith(done(state, "leave"), "left", null);
    case "failed": {
      const s = done(state, event.op);
      if (s.leaving && event.op !== "leave") return { state: s, effects: [] };
      return failed(s, event.op, event.error, ctx);
    }
    case "tick":
      return { state, effects: [] };
    case "clock_jumped": {
      // Device-time plans move with the device clock, so the next check stays as far away as planned.
      const next = state.next ? { ...state.next, at: state.next.at + event.byMs } : null;
      return { state: { ...state, next, allowedAt: state.allowedAt + event.byMs }, effects: [] };
    }
    case "online": {
      const s = { ...state, online: event.online };
      return { state: event.online && !state.online ? recheck(s, ctx) : s, effects: [] };
    }
    case "visible": {
      const s = { ...state, visible: event.visible };
      return { state: event.visible && !state.visible ? recheck(s, ctx) : s, effects: [] };
    }
    case "leader":
      return { state: { ...state, leader: event.leader }, effects: [] };
    case "leave": {
      const record = state.record;
      if (!isActive(record)) return { state, effects: [] };
      // No ticket yet: stop joining; if the join already went through, "joined" deletes it.
      if (record.ticketId === null) return endWith({ ...state, ownsJoin: false }, "left", null);
      return {
        state: { ...state, leaving: true, notice: null, next: { op: "leave", at: ctx.now } },
        effects: [],
      };
    }
    case "dismiss": {
      const record = state.record;
      if (!record || record.ended === null) return { state, effects: [] };
      return {
        state: { ...state, record: null, next: null, notice: null, leaving: false },
        effects: [{ type: "delete", eventId: record.eventId }],
      };
    }
    case "storage_failed":
      return { state: { ...state, durable: false, storageFailed: true }, effects: [] };
    case "remote_view": {
      const s = { ...state, mirror: event.view };
      const mine = state.record;
      const differs =
        event.view.ticketId !== (mine?.ticketId ?? null) ||
        event.view.eventId !== (mine?.eventId ?? null) ||
        (event.view.phase === "left") !== (mine?.ended === "left");
      const joinGraceMs = event.view.phase === "joining" ? JOIN_GRACE_MS : 0;
      return { state: s, effects: state.leader && differs ? [{ type: "reload", joinGraceMs }] : [] };
    }
  }
}

/** The reducer: one event in, the next state and the effects to perform out. */
export function reduce(state: MachineState, event: QueueEvent, ctx: Ctx): Transition {
  // Any event (a tick, coming back to the foreground, ...) may find the admission window over.
  return sendIfDue(expireIfDue(transition(state, event, ctx), ctx), ctx);
}

/** Device time the runner should wake at (next request, or admission expiry), or null. */
export function wakeAt(state: MachineState, ctx: Ctx): number | null {
  const times: number[] = [];
  // Only when the request could go out: a follower, an offline tab or one
  // waiting for an answer is woken by that change instead (no idle spinning).
  if (state.next && canSend(state, state.next.op)) times.push(state.next.at);
  const expiresAt = admissionExpiresAt(state.record);
  if (expiresAt !== null && isActive(state.record)) times.push(expiresAt - (ctx.serverNow - ctx.now));
  return times.length === 0 ? null : Math.min(...times);
}
