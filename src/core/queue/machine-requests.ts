import type { StoredStatus } from "../store/types.ts";
import type { Ctx, MachineState, Op, Request, Transition } from "./machine-state.ts";
import { admissionExpiresAt, isActive, MIN_STATUS_GAP_MS, raiseFloor } from "./machine-state.ts";

/** How long until the monotonic floor allows a request (0 when it does, or without a monotonic clock). */
const monoWait = (state: MachineState, ctx: Ctx): number =>
  ctx.mono === undefined || state.floorMono === null ? 0 : Math.max(0, state.floorMono - ctx.mono);

/** When requests go out: only one of each kind, only when online, and status reads only from the leader tab. */

export function canSend(state: MachineState, op: Op): boolean {
  if (!state.loaded || !state.online || state.frozen || state.inFlight.includes(op)) return false;
  if (op === "leave") return true;
  if (state.inFlight.length > 0) return false;
  if (op === "join") return state.leader || state.ownsJoin;
  return state.leader;
}

export function requestFor(state: MachineState, op: Op): Request | null {
  const record = state.record;
  if (op === "events") return { op };
  if (!record) return null;
  if (op === "join") return { op, eventId: record.eventId, joinKey: record.joinKey };
  if (record.ticketId === null || record.ticketToken === null) return null;
  const ticket = { eventId: record.eventId, ticketId: record.ticketId, token: record.ticketToken };
  if (op === "leave") return { op, ...ticket };
  return { op, ...ticket, hold: state.holdsReads || nearFront(record.lastStatus) };
}

/**
 * Close enough to the front that a server may hold the read (contract v1.1 holds near the front);
 * before that, a plain read with the ordinary timeout.
 */
export const HOLD_HORIZON_S = 120;
function nearFront(last: StoredStatus | null): boolean {
  if (last?.state !== "waiting") return false;
  if (last.etaSeconds !== null && last.etaSeconds <= HOLD_HORIZON_S) return true;
  const rate = last.servingRatePerSecond;
  return last.ahead !== null && rate > 0 && last.ahead / rate <= HOLD_HORIZON_S;
}

/** Sends the next request if it is due and allowed. Runs at the end of every transition. */
export function sendIfDue(t: Transition, ctx: Ctx): Transition {
  const { state } = t;
  const next = state.next;
  if (!next || next.at > ctx.now || !canSend(state, next.op)) return t;
  // Due on the device clock but not on the monotonic one (the device clock jumped forward): wait the rest.
  const floorWait = next.op === "leave" ? 0 : monoWait(state, ctx);
  if (floorWait > 0)
    return { state: { ...state, next: { ...next, at: ctx.now + floorWait } }, effects: t.effects };
  const request = requestFor(state, next.op);
  if (!request) return { state: { ...state, next: null }, effects: t.effects };
  // Two status reads from this tab never come closer than MIN_STATUS_GAP_MS, whatever plans them.
  const floorMono =
    next.op === "status" ? raiseFloor(state.floorMono, MIN_STATUS_GAP_MS, ctx) : state.floorMono;
  return {
    state: {
      ...state,
      next: null,
      floorMono,
      lastReadMono: next.op === "status" ? (ctx.mono ?? null) : state.lastReadMono,
      inFlight: [...state.inFlight, next.op],
      joinUnsent: state.joinUnsent && next.op !== "join",
    },
    effects: [...t.effects, { type: "request", request }],
  };
}

/** Device time the runner should wake at (next request, or admission expiry), or null. */
export function wakeAt(state: MachineState, ctx: Ctx): number | null {
  const times: number[] = [];
  // Only when the request could go out: a follower, an offline tab or one
  // waiting for an answer is woken by that change instead (no idle spinning).
  if (state.next && canSend(state, state.next.op)) times.push(state.next.at);
  const expiresAt = admissionExpiresAt(state.record);
  const expiresOnDevice = expiresAt === null ? null : expiresAt - (ctx.serverNow - ctx.now);
  // Without server time an expiry already past is confirmed by a read (planned in `next`), not re-woken for.
  if (
    expiresOnDevice !== null &&
    isActive(state.record) &&
    (ctx.serverTimeKnown !== false || expiresOnDevice > ctx.now)
  )
    times.push(expiresOnDevice);
  return times.length === 0 ? null : Math.min(...times);
}
