import type { Ctx, MachineState, Op, Request, Transition } from "./machine-state.ts";
import { admissionExpiresAt, isActive } from "./machine-state.ts";

/** When requests go out: only one of each kind, only when online, and status reads only from the leader tab. */

export function canSend(state: MachineState, op: Op): boolean {
  if (!state.loaded || !state.online || state.inFlight.includes(op)) return false;
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
  return { op, eventId: record.eventId, ticketId: record.ticketId, token: record.ticketToken };
}

/** Sends the next request if it is due and allowed. Runs at the end of every transition. */
export function sendIfDue(t: Transition, ctx: Ctx): Transition {
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
