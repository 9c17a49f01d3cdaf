/** POST/GET/DELETE on /events/{eventId}/tickets. */
import { bearer, type RequestContext, type RouteHandler } from "../context.ts";
import { eventStatus, type ModelEvent } from "../events.ts";
import { admittedAt } from "../queue/engine.ts";
import { addTicket, ticketStatus, viewTicket } from "../queue/tickets.ts";
import { json, type ModelResponse, noContent, problem } from "../responses.ts";
import type { TicketRecord } from "../state.ts";

function findEvent(ctx: RequestContext, id: string | undefined): ModelEvent | undefined {
  return ctx.events.find((event) => event.id === id);
}

export const joinQueue: RouteHandler = async (ctx, [eventId]) => {
  const event = findEvent(ctx, eventId);
  if (!event) return problem(404, "not_found", { detail: "No such event." });
  const status = eventStatus(event, ctx.now);
  if (status === "closed") return problem(409, "queue_closed", { detail: "This event has closed." });
  if (status === "upcoming") return problem(409, "queue_not_open", { detail: "The line is not open yet." });
  const ticket = addTicket(ctx, event);
  const token = await ctx.signer.sign({ k: "ticket", tid: ticket.id, eid: event.id });
  return json(201, { ticket: { id: ticket.id, token }, status: await ticketStatus(ctx, ticket, event) });
};

/** The ticket named in the path, if the bearer token is this ticket's own. */
export async function authorizedTicket(
  ctx: RequestContext,
  eventId: string | undefined,
  ticketId: string | undefined,
): Promise<{ ticket: TicketRecord; event: ModelEvent } | ModelResponse> {
  const token = bearer(ctx);
  const payload = token === null ? null : await ctx.signer.verify(token);
  if (payload?.k !== "ticket" || payload.tid !== ticketId || payload.eid !== eventId) {
    return problem(401, "invalid_token", { detail: "The ticket token is not valid for this ticket." });
  }
  const ticket = ctx.state.tickets[ticketId];
  const event = findEvent(ctx, eventId);
  if (!ticket || !event) return problem(404, "not_found", { detail: "No such ticket." });
  return { ticket, event };
}

export const getTicket: RouteHandler = async (ctx, [eventId, ticketId]) => {
  const found = await authorizedTicket(ctx, eventId, ticketId);
  if ("status" in found) return found;
  const status = await ticketStatus(ctx, found.ticket, found.event);
  if (ctx.heldFor === null) return json(200, status);
  // A held answer (Prefer: wait) invites the next held read at once while the ticket still waits.
  if (status.state === "waiting" || status.state === "prequeue") status.pollAfterSeconds = 0;
  return json(200, status, { "preference-applied": `wait=${ctx.heldFor}` });
};

/** Held reads are for tickets this close to the front (ETA, seconds): the last minute of a wait. */
export const HOLD_NEAR_FRONT_SECONDS = 60;

/**
 * How long to hold a status read that asked `Prefer: wait=N` (ms), or null to answer at once.
 * The line is a closed-form function of time, so the next change (admission, or the event
 * closing) is known in advance: the hold ends then, or after N seconds.
 */
export async function holdMs(ctx: RequestContext, [eventId, ticketId]: string[], waitSeconds: number) {
  const found = await authorizedTicket(ctx, eventId, ticketId);
  if ("status" in found) return null;
  const view = viewTicket(ctx, found.ticket, found.event);
  const eta = view.status.etaSeconds;
  if (view.status.state !== "waiting" || eta === null || eta > HOLD_NEAR_FRONT_SECONDS) return null;
  const { event, ticket } = found;
  const admitAt =
    ticket.number === null
      ? Number.POSITIVE_INFINITY
      : admittedAt(event, ctx.state.speed, ticket.number, ticket.joinedAt);
  return Math.max(0, Math.min(waitSeconds * 1000, admitAt - ctx.now, event.closesAt - ctx.now));
}

export const leaveQueue: RouteHandler = async (ctx, [eventId, ticketId]) => {
  const found = await authorizedTicket(ctx, eventId, ticketId);
  if ("status" in found) return found;
  found.ticket.leftAt ??= ctx.now;
  // The ticket has ended: so has its push subscription (contract v1.1).
  delete ctx.state.push[found.ticket.id];
  return noContent();
};
