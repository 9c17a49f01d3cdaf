import type { QueueStatus } from "../contract/types.ts";
import { INITIAL_BACKOFF } from "../net/backoff.ts";
import { withoutTokens } from "../store/admission.ts";
import type { TicketRecord } from "../store/types.ts";
import { failed } from "./machine-failures.ts";
import {
  admissionExpiresAt,
  type Ctx,
  type Effect,
  isActive,
  MAX_SAVED_WAIT_MS,
  type MachineState,
  MEMORY_JOIN_GRACE_MS,
  MIN_STATUS_GAP_MS,
  parseTime,
  type QueueEvent,
  RESUME_CLOCK_MARGIN_MS,
  RESUME_SPREAD_MS,
  raiseFloor,
  save,
  type Transition,
} from "./machine-state.ts";
import { nextPollDelay } from "./schedule.ts";

/** The ticket's life from the server's answers: resume, join, status, admission expiry. */

/** Serves a record read from the store: never replaced, only resumed. */
export function resumeRecord(
  state: MachineState,
  record: TicketRecord | null,
  ctx: Ctx,
  joinGraceMs = 0,
): Transition {
  // The same join re-read (a tab handover, another tab's intent): the floor this tab measured on the
  // monotonic clock stays; the saved device-time one may have been moved by a clock change.
  const sameJoin = record !== null && (state.record === null || state.record.joinKey === record.joinKey);
  // The saved "not before" also goes onto the monotonic clock, so a clock set forward after this
  // load does not bring it nearer (capped: a far one means the clock was set back since it was saved).
  const savedWaitMs = isActive(record)
    ? Math.max(0, Math.min(record.nextPollAt - ctx.now, MAX_SAVED_WAIT_MS))
    : 0;
  const keptFloor = sameJoin ? state.floorMono : null;
  const base: MachineState = {
    ...state,
    loaded: true,
    record,
    next: null,
    notice: null,
    leaving: false,
    backoff: INITIAL_BACKOFF,
    allowedAt: record ? Math.min(record.nextPollAt, ctx.now + MAX_SAVED_WAIT_MS) : 0,
    floorMono: savedWaitMs > 0 ? raiseFloor(keptFloor, savedWaitMs, ctx) : keptFloor,
    // An admission already in the store was announced when it arrived.
    alerted: record?.admission?.token ?? state.alerted,
  };
  if (!isActive(record)) return { state: base, effects: [] };
  // A saved nextPollAt far in the future means the device clock was set back since: cap it.
  const notBefore = Math.min(record.nextPollAt, ctx.now + MAX_SAVED_WAIT_MS);
  // A recent saved floor gets a margin: the device clock may have been nudged forward since it was saved.
  const margin = notBefore > ctx.now - RESUME_CLOCK_MARGIN_MS ? RESUME_CLOCK_MARGIN_MS : 0;
  const at = Math.max(notBefore + margin, ctx.now + ctx.random() * RESUME_SPREAD_MS);
  if (record.ticketId === null)
    return { state: { ...base, next: { op: "join", at: at + joinGraceMs } }, effects: [] };
  // The page before this one may have sent a read just before it closed (its send time is not saved):
  // a fresh page waits out the contract's one-second gap first, admitted or not.
  const gap = raiseFloor(base.floorMono, MIN_STATUS_GAP_MS, ctx);
  if (record.admission) return expireIfDue({ state: { ...base, floorMono: gap }, effects: [] }, ctx);
  return { state: { ...base, floorMono: gap, next: { op: "status", at } }, effects: [] };
}

/** Admission countdown in server time: past expiresAt we say "expired", then confirm with one read. */
export function expireIfDue(t: Transition, ctx: Ctx): Transition {
  const record = t.state.record;
  const expiresAt = admissionExpiresAt(record);
  if (!isActive(record) || expiresAt === null || ctx.serverNow < expiresAt) return t;
  // serverNow is the bare device clock (a fresh page, no answer yet), which may be minutes off: the
  // admission is not ended on it but confirmed by one read (whose answer also sets the server clock).
  if (ctx.serverTimeKnown === false) {
    const s = t.state;
    if (s.next !== null || s.inFlight.includes("status")) return t;
    return {
      state: { ...s, next: { op: "status", at: Math.max(ctx.now, s.allowedAt) } },
      effects: t.effects,
    };
  }
  const ended: TicketRecord = { ...record, ended: "expired" };
  return {
    state: { ...t.state, record: ended, next: { op: "status", at: Math.max(ctx.now, t.state.allowedAt) } },
    effects: [...t.effects, { type: "save", record: ended }],
  };
}

/** The record of a join about to be sent: saved (claimed) before the request goes out. */
export const pendingJoin = (eventId: string, joinKey: string, now: number): TicketRecord => ({
  eventId,
  joinKey,
  ticketId: null,
  ticketToken: null,
  createdAt: now,
  lastStatus: null,
  admission: null,
  nextPollAt: 0,
  ended: null,
  firstServingNumber: null,
});

export function startJoin(
  state: MachineState,
  event: Extract<QueueEvent, { type: "join" }>,
  ctx: Ctx,
): Transition {
  const current = state.record;
  // One line at a time; a second tap on join while in line is a no-op.
  if (isActive(current)) return { state: { ...state, loaded: true }, effects: [] };
  if (isActive(event.existing)) return resumeRecord(state, event.existing, ctx);
  const shared = state.storageFailed ? sharedJoinKey(state, event.eventId, event.joinKey) : event.joinKey;
  const record = pendingJoin(event.eventId, shared, ctx.now);
  const effects: Effect[] = [];
  if (current && current.eventId !== event.eventId)
    effects.push({ type: "delete", eventId: current.eventId });
  const next: MachineState = {
    ...state,
    loaded: true,
    ownsJoin: true,
    joinUnsent: true,
    leaving: false,
    notice: null,
    backoff: INITIAL_BACKOFF,
    allowedAt: 0,
    next: { op: "join", at: ctx.now + (state.storageFailed ? MEMORY_JOIN_GRACE_MS : 0) },
  };
  // The pending join is saved before the request is sent (effects run in order).
  return save(next, record, effects);
}

/** The leader tab shows a live ticket for `eventId` (its view, which a follower mirrors). */
export function leaderHolds(state: MachineState, eventId: string): boolean {
  const theirs = state.mirror;
  return (
    !state.leader &&
    theirs !== null &&
    theirs.eventId === eventId &&
    theirs.ticketId !== null &&
    (theirs.phase === "prequeue" || theirs.phase === "waiting" || theirs.phase === "admitted")
  );
}

/** Another tab is joining this event right now (its key may be out already): a join here would be a second. */
export function otherTabJoining(state: MachineState, eventId: string): boolean {
  const theirs = state.mirror;
  return !state.leader && theirs !== null && theirs.eventId === eventId && theirs.phase === "joining";
}

/**
 * The key a join sends: its own, or a smaller one another tab is joining the same event with (the
 * smallest wins everywhere, so tabs that could not claim the join in a shared store send one key).
 */
export function sharedJoinKey(state: MachineState, eventId: string, own: string): string {
  const other = state.mirror;
  const theirs = other?.phase === "joining" && other.eventId === eventId ? other.joinKey : null;
  return typeof theirs === "string" && theirs < own ? theirs : own;
}

/** Applies a status from the server (join answer or status read) and plans the next read. */
export function applyStatus(
  state: MachineState,
  status: QueueStatus,
  ctx: Ctx,
  heldMs: number | null = null,
): Transition {
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
      notice: status.notice ?? null,
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
    floorMono: raiseFloor(state.floorMono, floorMs, ctx),
    next: null,
    holdsReads: state.holdsReads || heldMs !== null,
    lastHeldMs: heldMs,
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
      // The server's word ends it: the tokens (kept for this read after a client-side "expired") go.
      return save(base, withoutTokens({ ...updated, ended: status.state, nextPollAt: allowedAt }));
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
          push: state.push,
          heldForMs: heldMs,
        },
        ctx.random,
      );
      const waiting: TicketRecord = { ...updated, admission: null, nextPollAt: allowedAt };
      return save({ ...base, next: { op: "status", at: ctx.now + delay } }, waiting);
    }
  }
}
