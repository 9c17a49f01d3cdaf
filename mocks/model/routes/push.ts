/** GET /push/key and PUT/DELETE /events/{eventId}/tickets/{ticketId}/push (contract v1.1). */
import { jsonObject, type RouteHandler } from "../context.ts";
import { readPushInput } from "../push/subscription-input.ts";
import { viewTicket } from "../queue/tickets.ts";
import { json, noContent, problem, validationFailed } from "../responses.ts";
import { authorizedTicket } from "./tickets.ts";

/** A server without push has none of these routes: 404, as the contract tells clients to expect. */
const noPush = () => problem(404, "not_found", { detail: "This server does not send push messages." });

export const getPushKey: RouteHandler = (ctx) => {
  if (ctx.state.faults.pushUnavailable) return noPush();
  return json(200, { publicKey: ctx.pushPublicKey }, { "cache-control": "public, max-age=86400" });
};

export const subscribePush: RouteHandler = async (ctx, [eventId, ticketId]) => {
  if (ctx.state.faults.pushUnavailable) return noPush();
  const found = await authorizedTicket(ctx, eventId, ticketId);
  if ("status" in found) return found;
  const input = readPushInput(jsonObject(ctx));
  if (!input.ok) return validationFailed(input.errors);
  const state = viewTicket(ctx, found.ticket, found.event).status.state;
  if (state !== "prequeue" && state !== "waiting") {
    return problem(409, "ticket_ended", { detail: "The ticket is no longer waiting." });
  }
  const id = found.ticket.id;
  // A replaced subscription keeps the ticket's "near-front already sent": at most one per ticket.
  const nearFrontSent = ctx.state.push[id]?.nearFrontSent ?? false;
  ctx.state.push[id] = { ...input.value, eventId: found.event.id, nearFrontSent };
  return noContent();
};

export const unsubscribePush: RouteHandler = async (ctx, [eventId, ticketId]) => {
  if (ctx.state.faults.pushUnavailable) return noPush();
  const found = await authorizedTicket(ctx, eventId, ticketId);
  if ("status" in found) return found;
  delete ctx.state.push[found.ticket.id];
  return noContent();
};
