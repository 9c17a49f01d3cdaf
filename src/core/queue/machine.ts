import { sameAdmission, withoutTokens } from "../store/admission.ts";
import type { TicketRecord } from "../store/types.ts";
import { endWith, failed, planJoinAtOpening, recheck } from "./machine-failures.ts";
import { sendIfDue } from "./machine-requests.ts";
import {
  type Ctx,
  done,
  isActive,
  JOIN_GRACE_MS,
  MAX_SAVED_WAIT_MS,
  type MachineState,
  MIN_STATUS_GAP_MS,
  type QueueEvent,
  raiseFloor,
  save,
  type Transition,
} from "./machine-state.ts";
import {
  applyStatus,
  expireIfDue,
  leaderHolds,
  resumeRecord,
  sharedJoinKey,
  startJoin,
} from "./machine-status.ts";
import type { QueueView } from "./types.ts";

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
      const marked = [...saved.effects, ...applied.effects].map((e) =>
        e.type === "save" ? { ...e, joined: true as const } : e,
      );
      return { state: applied.state, effects: marked };
    }
    case "status": {
      const s = done(state, "status");
      // Stale answers (another ticket, or we are leaving, or its tokens are gone) change nothing.
      if (s.record?.ticketId !== event.ticketId || s.leaving || s.record.ticketToken === null)
        return { state: s, effects: [] };
      return applyStatus(s, event.status, ctx, event.heldMs ?? null);
    }
    case "events":
      return planJoinAtOpening(done(state, "events"), event.events, ctx);
    case "left":
      return endWith(done(state, "leave"), "left", null);
    case "failed": {
      const s = done(state, event.op);
      if ((s.leaving && event.op !== "leave") || s.record?.ended === "moved")
        return { state: s, effects: [] };
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
    case "frozen": {
      // Like offline: nothing runs while frozen; thawed, one spread re-check (never before the floor).
      const s = { ...state, frozen: event.frozen };
      return { state: event.frozen || !state.frozen ? s : recheck(s, ctx), effects: [] };
    }
    case "wake":
      return { state: recheck(turnPushed(state, event.admitted, ctx), ctx), effects: [] };
    case "push": {
      // Push gone (turned off, or the server lost it): the page must not sleep on a push-paced plan.
      const s = { ...state, push: event.on };
      return { state: state.push && !event.on ? recheck(s, ctx) : s, effects: [] };
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
      // Its admission was used (tokens gone): nothing to delete on the server; it just ends here.
      if (record.ticketToken === null) return endWith(state, "left", null);
      return {
        state: { ...state, leaving: true, notice: null, next: { op: "leave", at: ctx.now } },
        effects: [],
      };
    }
    case "moved":
      // Continued on another device: ended here for good, no more reads (a late answer changes nothing).
      if (!isActive(state.record) || state.record.ticketId === null) return { state, effects: [] };
      return endWith({ ...state, ownsJoin: false }, "moved", null);
    case "admission_used": {
      // The ticket served its purpose: it stays (admitted, so the booking can be reopened) without
      // its tokens, and nothing is read for it again (a read needs the ticket token).
      // Also a client-side "expired" awaiting the server's word: with the admission used, no read is needed.
      const record = state.record;
      if (
        !record ||
        (record.ended !== null && record.ended !== "expired") ||
        record.eventId !== event.eventId ||
        !sameAdmission(record.admission, event.admission)
      )
        return { state, effects: [] };
      const used = withoutTokens(record);
      return used === record ? { state, effects: [] } : save({ ...state, next: null }, used);
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
      const s = adoptRemote({ ...state, mirror: event.view }, event.view, ctx);
      const mine = state.record;
      if (event.view.phase === "moved" && isActive(mine) && event.view.ticketId === mine.ticketId)
        return endWith(s, "moved", null);
      const differs =
        event.view.ticketId !== (mine?.ticketId ?? null) ||
        event.view.eventId !== (mine?.eventId ?? null) ||
        (event.view.phase === "left") !== (mine?.ended === "left") ||
        // Another tab used the admission (its tokens went): re-read, so none is saved from here again.
        (event.view.admission !== null && event.view.admission.token === null && !!mine?.admission?.token);
      const joinGraceMs = event.view.phase === "joining" ? JOIN_GRACE_MS : 0;
      const adopted =
        s.record === state.record
          ? []
          : s.record
            ? [{ type: "save" as const, record: s.record }]
            : state.record
              ? [{ type: "delete" as const, eventId: state.record.eventId }]
              : [];
      return {
        state: s,
        effects: [...adopted, ...(state.leader && differs ? [{ type: "reload" as const, joinGraceMs }] : [])],
      };
    }
  }
}

/**
 * The server pushed "admitted" for this ticket (contract v1.1: the admission itself comes from a
 * read). The server's own word outranks its earlier pollAfterSeconds, so that floor is lifted once per
 * ticket; what stays: a failure's backoff or Retry-After, and the one-second gap between two reads.
 */
function turnPushed(state: MachineState, ticketId: string | undefined, ctx: Ctx): MachineState {
  const record = state.record;
  if (
    ticketId === undefined ||
    !isActive(record) ||
    record.ticketId !== ticketId ||
    record.admission !== null ||
    state.turnPushed === ticketId ||
    state.backoff.attempt > 0 ||
    state.next?.op !== "status"
  )
    return state;
  const floorMono =
    state.lastReadMono === null || ctx.mono === undefined ? null : state.lastReadMono + MIN_STATUS_GAP_MS;
  return { ...state, turnPushed: ticketId, allowedAt: ctx.now, floorMono };
}

/**
 * What another tab's published view teaches this one: the smaller join key of a join both are about
 * to send (see sharedJoinKey), and the server's floor, kept on this tab's monotonic clock so a
 * handover after a device clock change does not ask sooner than the server allowed.
 */
function adoptRemote(state: MachineState, view: QueueView, ctx: Ctx): MachineState {
  const record = state.record;
  let next = state;
  const floor = view.floorInMs;
  if (
    typeof floor === "number" &&
    Number.isFinite(floor) &&
    floor > 0 &&
    // A join refused with Retry-After binds every tab's join of that event too (the same key).
    (view.ticketId !== null || view.phase === "joining") &&
    (record === null || view.eventId === record.eventId)
  )
    next = { ...next, floorMono: raiseFloor(next.floorMono, Math.min(floor, MAX_SAVED_WAIT_MS), ctx) };
  // Only a join never sent, on a failed store: a key once sent may have made a ticket already.
  const pending = isActive(record) && record.ticketId === null && state.joinUnsent && state.storageFailed;
  if (!pending || record.eventId !== view.eventId) return next;
  // The leader already holds a place in this line (the failed store could not show it): no join.
  if (leaderHolds(next, record.eventId))
    return { ...next, record: null, next: null, ownsJoin: false, joinUnsent: false };
  const key = sharedJoinKey(state, record.eventId, record.joinKey);
  return key === record.joinKey ? next : { ...next, record: { ...record, joinKey: key } };
}

/** The reducer: one event in, the next state and the effects to perform out. */
export function reduce(state: MachineState, event: QueueEvent, ctx: Ctx): Transition {
  // Any event (a tick, coming back to the foreground, ...) may find the admission window over.
  return sendIfDue(expireIfDue(transition(state, event, ctx), ctx), ctx);
}
