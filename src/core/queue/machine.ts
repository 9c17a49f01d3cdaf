import type { TicketRecord } from "../store/types.ts";
import { endWith, failed, planJoinAtOpening, recheck } from "./machine-failures.ts";
import { sendIfDue } from "./machine-requests.ts";
import {
  type Ctx,
  done,
  isActive,
  JOIN_GRACE_MS,
  type MachineState,
  type QueueEvent,
  save,
  type Transition,
} from "./machine-state.ts";
import { applyStatus, expireIfDue, resumeRecord, startJoin } from "./machine-status.ts";

export { wakeAt } from "./machine-requests.ts";
export * from "./machine-state.ts";

/**
 * The waiting room as a pure reducer: `(state, event, ctx) → { state, effects }`.
 * The runner (./client.ts) performs the effects in order — saves first, then
 * the view, then requests — and turns their outcomes back into events.
 * Device times (`now`, `next.at`) drive timers; server times drive what the
 * user is shown (admission expiry, opening).
 */

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
    case "leader": {
      // A tab that just became the poller holds a follower's picture (say, a pending join the old
      // leader has since completed): it sends nothing until the runner's reload has re-read the store.
      const promoted = event.leader && !state.leader;
      return {
        state: { ...state, leader: event.leader, loaded: promoted ? false : state.loaded },
        effects: [],
      };
    }
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
