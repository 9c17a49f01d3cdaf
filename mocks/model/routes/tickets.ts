/** POST/GET/DELETE on /events/{eventId}/tickets. */
import { bearer, type RequestContext, type RouteHandler } from "../context.ts";
import { eventStatus, type ModelEvent } from "../events.ts";
import { addTicket, ticketStatus } from "../queue/tickets.ts";
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
async function authorizedTicket(
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
  return json(200, await ticketStatus(ctx, found.ticket, found.event));
};

export const leaveQueue: RouteHandler = async (ctx, [eventId, ticketId]) => {
  const found = await authorizedTicket(ctx, eventId, ticketId);
  if ("status" in found) return found;
  found.ticket.leftAt ??= ctx.now;
  return noContent();
};
