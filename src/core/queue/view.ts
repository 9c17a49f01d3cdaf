import type { Ctx, MachineState } from "./machine.ts";
import type { QueueNotice, QueuePhase, QueueView } from "./types.ts";

function phaseOf(state: MachineState): QueuePhase {
  const record = state.record;
  if (!record) return "idle";
  if (record.ended === "rejected") return "error";
  if (record.ended !== null) return record.ended;
  if (record.ticketId === null) return "joining";
  if (record.admission) return "admitted";
  const last = record.lastStatus?.state;
  return last === "prequeue" ? "prequeue" : "waiting";
}

/** Offline says most about what the user sees; then the last problem; then a memory-only store. */
function noticeOf(state: MachineState): QueueNotice | null {
  if (!state.online) return { code: "offline", retryAt: null };
  if (state.notice) return state.notice;
  if (state.storageFailed) return { code: "storage_unavailable", retryAt: null };
  return null;
}

/** What this tab itself knows, as the screen renders it (times in server ms). */
export function ownView(state: MachineState, ctx: Ctx): QueueView {
  const record = state.record;
  const last = record?.lastStatus ?? null;
  const offset = ctx.serverNow - ctx.now;
  const checking = state.next !== null && state.next.op !== "leave" && state.online;
  const opensAt = last ? Date.parse(last.opensAt) : Number.NaN;
  return {
    phase: phaseOf(state),
    eventId: record?.eventId ?? null,
    ticketId: record?.ticketId ?? null,
    number: last?.number ?? null,
    servingNumber: last?.servingNumber ?? null,
    ahead: last?.ahead ?? null,
    servingRatePerSecond: last?.servingRatePerSecond ?? null,
    etaSeconds: last?.etaSeconds ?? null,
    opensAt: Number.isNaN(opensAt) ? null : opensAt,
    admission: record?.admission ?? null,
    updatedAt: last?.observedAt ?? null,
    nextCheckAt: checking && state.next ? Math.round(state.next.at + offset) : null,
    online: state.online,
    durable: state.durable,
    leader: state.leader,
    notice: noticeOf(state),
    operatorNotice: last?.notice ?? null,
    joinKey: record && record.ticketId === null && record.ended === null ? record.joinKey : null,
    // A duration, not a time: device clocks may jump, but every tab's monotonic clock runs alike.
    floorInMs:
      state.floorMono === null || ctx.mono === undefined ? null : Math.max(0, state.floorMono - ctx.mono),
  };
}

/**
 * The view a tab shows: the leader's own; a follower mirrors the leader's
 * published view, except while it carries out an intent of its own.
 */
export function toView(state: MachineState, ctx: Ctx): QueueView {
  const own = ownView(state, ctx);
  const busy = state.ownsJoin || state.leaving || state.inFlight.length > 0;
  if (state.leader || !state.mirror || busy) return own;
  return {
    ...state.mirror,
    leader: false,
    online: state.online,
    durable: state.durable,
    notice: own.notice ?? state.mirror.notice,
  };
}
