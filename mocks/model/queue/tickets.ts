/** Tickets: joining the line, reading a ticket's status, leaving. */
import type { QueueStatus } from "../../../src/core/contract/types.ts";
import type { RequestContext } from "../context.ts";
import type { ModelEvent } from "../events.ts";
import { operatorNotice } from "../notice.ts";
import { randomId } from "../random.ts";
import type { QueueRecord, TicketRecord } from "../state.ts";
import { toSeoulTimestamp } from "../time-format.ts";
import { admittedAt, lastIssued, prequeueSize, servingNumber, servingRate } from "./engine.ts";
import { pollAfterSeconds } from "./poll-policy.ts";
import { shufflePlaces } from "./shuffle.ts";

export const ADMISSION_WINDOW_MS = 10 * 60_000;
/** Contract v1.1 bounds on numbers the mock must itself keep. */
const MAX_ETA_SECONDS = 604_800;
const MAX_POLL_AFTER_SECONDS = 600;

export function queueOf(ctx: RequestContext, event: ModelEvent): QueueRecord {
  let queue = ctx.state.queues[event.id];
  if (!queue) {
    queue = { sealed: false, prequeueTicketIds: [], joinedAfterOpen: 0 };
    ctx.state.queues[event.id] = queue;
  }
  // The shuffle happens on the first touch at or after opening; nothing can join the pre-queue after that.
  if (!queue.sealed && ctx.now >= event.opensAt) {
    const places = shufflePlaces(queue.prequeueTicketIds, prequeueSize(event, queue), ctx.random);
    for (const [id, place] of places) {
      const ticket = ctx.state.tickets[id];
      if (ticket) ticket.number = place;
    }
    queue.sealed = true;
  }
  return queue;
}

/** Adds a ticket to an event that is in its pre-queue window or open (the caller checks which). */
export function addTicket(ctx: RequestContext, event: ModelEvent): TicketRecord {
  const queue = queueOf(ctx, event);
  let id = randomId(ctx.random, "t");
  while (ctx.state.tickets[id]) id = randomId(ctx.random, "t");
  const prequeue = ctx.now < event.opensAt;
  const ticket: TicketRecord = {
    id,
    eventId: event.id,
    joinedAt: ctx.now,
    prequeue,
    number: prequeue ? null : lastIssued(event, queue, ctx.state.speed, ctx.now) + 1,
    leftAt: null,
    admissionDelivered: false,
  };
  if (prequeue) queue.prequeueTicketIds.push(id);
  else queue.joinedAfterOpen += 1;
  ctx.state.tickets[id] = ticket;
  return ticket;
}

/** Where a ticket stands right now, before it is written out. */
export interface TicketView {
  status: Omit<QueueStatus, "admission" | "pollAfterSeconds">;
  /** Set while admitted. */
  admission: { expiresAt: number } | null;
}

export function viewTicket(ctx: RequestContext, ticket: TicketRecord, event: ModelEvent): TicketView {
  const queue = queueOf(ctx, event);
  const { now } = ctx;
  const speed = ctx.state.speed;
  const serving = servingNumber(event, queue, speed, now);
  const common = {
    servingNumber: serving,
    servingRatePerSecond: servingRate(event, speed, now),
    opensAt: toSeoulTimestamp(event.opensAt),
    serverTime: toSeoulTimestamp(now),
  };
  const final = (state: "left" | "expired" | "closed"): TicketView => ({
    status: { ...common, state, number: ticket.number, ahead: null, etaSeconds: null },
    admission: null,
  });
  if (ticket.leftAt !== null) return final("left");
  if (ticket.number === null) {
    return {
      status: { ...common, state: "prequeue", number: null, ahead: null, etaSeconds: null },
      admission: null,
    };
  }
  const number = ticket.number;
  const admitAt = admittedAt(event, speed, number, ticket.joinedAt);
  if (admitAt < event.closesAt && now >= admitAt) {
    const expiresAt = admitAt + ADMISSION_WINDOW_MS;
    if (now >= expiresAt) return final("expired");
    return {
      status: {
        ...common,
        state: "admitted",
        number,
        servingNumber: Math.max(serving, number),
        ahead: 0,
        etaSeconds: 0,
      },
      admission: { expiresAt },
    };
  }
  if (now >= event.closesAt) return final("closed");
  const shownServing = Math.min(serving, number - 1);
  return {
    status: {
      ...common,
      state: "waiting",
      number,
      servingNumber: shownServing,
      ahead: Math.max(0, number - shownServing - 1),
      // Contract v1.1 bound: at most 7 days (a longer estimate is no estimate worth a number).
      etaSeconds: Math.min(MAX_ETA_SECONDS, Math.max(1, Math.ceil((admitAt - now) / 1000))),
    },
    admission: null,
  };
}

/** The wire QueueStatus, with the admission token signed and the poll hint set. */
export async function ticketStatus(
  ctx: RequestContext,
  ticket: TicketRecord,
  event: ModelEvent,
): Promise<QueueStatus> {
  const view = viewTicket(ctx, ticket, event);
  const status: QueueStatus = {
    ...view.status,
    pollAfterSeconds: Math.min(
      MAX_POLL_AFTER_SECONDS,
      pollAfterSeconds({
        state: view.status.state,
        etaSeconds: view.status.etaSeconds,
        secondsUntilOpen: Math.max(0, (event.opensAt - ctx.now) / 1000),
        loadFactor: ctx.loadFactor,
      }),
    ),
    notice: operatorNotice(ctx.state.scenario),
  };
  if (view.admission) {
    const token = await ctx.signer.sign({
      k: "admission",
      tid: ticket.id,
      eid: event.id,
      exp: view.admission.expiresAt,
    });
    status.admission = { token, expiresAt: toSeoulTimestamp(view.admission.expiresAt) };
    if (!ticket.admissionDelivered) {
      ticket.admissionDelivered = true;
      ctx.firstAdmission = true;
    }
  }
  return status;
}
