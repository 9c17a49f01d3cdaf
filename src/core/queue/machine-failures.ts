import type { BookingEvent } from "../contract/types.ts";
import { INITIAL_BACKOFF } from "../net/backoff.ts";
import { classifyFailure, type RetryDecision, retryDelay } from "../net/retry-policy.ts";
import { withoutTokens } from "../store/admission.ts";
import type { TicketRecord } from "../store/types.ts";
import {
  type Ctx,
  type MachineState,
  OPEN_SPREAD_MS,
  type Op,
  parseTime,
  RECHECK_SPREAD_MS,
  raiseFloor,
  save,
  type Transition,
} from "./machine-state.ts";
import type { QueueNotice } from "./types.ts";

/** What each failure means for each request, and when to try again. */

export const noticeAt = (code: string, at: number | null, ctx: Ctx): QueueNotice => ({
  code,
  retryAt: at === null ? null : at + (ctx.serverNow - ctx.now),
});

/** Schedules a retry of `op` after a failure, honoring Retry-After (persisted, so a reload honors it too). */
export function retryLater(state: MachineState, op: Op, decision: RetryDecision, ctx: Ctx): Transition {
  const [delay, backoff] = retryDelay(decision, state.backoff, ctx.random);
  const at = ctx.now + delay;
  const allowedAt = Math.max(state.allowedAt, ctx.now + (decision.notBeforeMs ?? 0));
  const next: MachineState = {
    ...state,
    backoff,
    allowedAt,
    // The backoff counts too, on the monotonic clock: a re-read of the store (another tab's news, a
    // clock change) must not bring the retry nearer.
    floorMono: raiseFloor(state.floorMono, Math.max(decision.notBeforeMs ?? 0, delay), ctx),
    next: { op, at },
    notice: noticeAt(decision.code, at, ctx),
  };
  const record = state.record;
  if (record && allowedAt > record.nextPollAt && op !== "events")
    return save(next, { ...record, nextPollAt: allowedAt });
  return { state: next, effects: [] };
}

export const endWith = (
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
  // Ended: its tokens are of no more use, and go (privacy).
  return save(next, withoutTokens({ ...record, ended }));
};

export const politely = (decision: RetryDecision): RetryDecision => ({
  ...decision,
  retry: true,
  polite: true,
});

export function failed(state: MachineState, op: Op, error: unknown, ctx: Ctx): Transition {
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
      // The ticket is already gone (or never was ours): leaving has happened.
      if (decision.code === "invalid_token" || decision.code === "not_found")
        return endWith(state, "left", null);
      if (decision.retry && state.backoff.attempt < LEAVE_MAX_RETRIES)
        return retryLater(state, op, decision, ctx);
      return leaveRefused(state, decision.code, ctx);
  }
}

/** A DELETE that keeps failing is given up after this many retries: the user decides whether to try again. */
export const LEAVE_MAX_RETRIES = 4;

/**
 * The server refused the DELETE, or it kept failing: the user is still in
 * line, told so, and the waiting goes on (a ticket with no timer armed
 * would be a silent dead end). The runner's leave() rejects on this.
 */
function leaveRefused(state: MachineState, code: string, ctx: Ctx): Transition {
  const [delay] = retryDelay(politely(classifyFailure(null)), INITIAL_BACKOFF, ctx.random);
  const at = Math.max(state.allowedAt, ctx.now + delay);
  return {
    state: {
      ...state,
      leaving: false,
      backoff: INITIAL_BACKOFF,
      next: { op: "status", at },
      notice: { code, retryAt: null },
    },
    effects: [],
  };
}

/** Notice code for a bug caught in the runner (a store or reducer throw): the place is kept, polling goes on. */
export const CRASH_NOTICE = "error";

/**
 * After a throw inside the runner: keep what is known, forget in-flight
 * marks whose requests never went out, say so, and plan the next useful
 * request politely (never at once: the bug may be in the way again).
 * Pure and small on purpose: it runs when something else just broke.
 */
export function recoverFromCrash(state: MachineState, sentOps: readonly Op[], ctx: Ctx): MachineState {
  const inFlight = state.inFlight.filter((op) => sentOps.includes(op));
  const record = state.record;
  const op: Op | null = state.leaving
    ? "leave"
    : record === null || record.ended !== null
      ? null
      : record.ticketId === null
        ? "join"
        : "status";
  const [delay, backoff] = retryDelay(politely(classifyFailure(null)), state.backoff, ctx.random);
  const at = Math.max(state.allowedAt, ctx.now + delay);
  return {
    ...state,
    inFlight,
    backoff,
    next: op === null || inFlight.includes(op) ? state.next : { op, at },
    notice: { code: CRASH_NOTICE, retryAt: op === null ? null : at + (ctx.serverNow - ctx.now) },
  };
}

/** queue_not_open: join again just after the pre-queue (or the queue) opens, spread across clients. */
export function planJoinAtOpening(state: MachineState, events: BookingEvent[], ctx: Ctx): Transition {
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

/**
 * One jittered re-check after coming back (online or foreground): sooner
 * than a planned poll, never sooner than allowed. After a failure the
 * planned retry IS the floor (the backoff's, or Retry-After's through
 * allowedAt): coming back neither shortens it nor resets the backoff, so
 * switching tabs during an outage does not send each time. Only a check that
 * fell due meanwhile (while offline) is spread and goes out.
 */
export function recheck(state: MachineState, ctx: Ctx): MachineState {
  const next = state.next;
  if (!next || next.op === "leave") return state;
  const soon = ctx.now + ctx.random() * RECHECK_SPREAD_MS;
  const backingOff = state.backoff.attempt > 0;
  // A check that fell due while offline is spread too: a crowd reconnecting together must not ask together.
  const planned = next.at <= ctx.now ? soon : backingOff ? next.at : Math.min(next.at, soon);
  return { ...state, next: { op: next.op, at: Math.max(state.allowedAt, planned) } };
}
