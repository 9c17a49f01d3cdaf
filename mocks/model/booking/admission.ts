/** The admission bearer that identity, slots and reservations require. */
import { bearer, type RequestContext } from "../context.ts";
import type { ModelEvent } from "../events.ts";
import { type ModelResponse, problem } from "../responses.ts";

export interface AdmissionGrant {
  ticketId: string;
  event: ModelEvent;
  expiresAt: number;
}

export async function requireAdmission(ctx: RequestContext): Promise<AdmissionGrant | ModelResponse> {
  const token = bearer(ctx);
  const payload = token === null ? null : await ctx.signer.verify(token);
  const ticket = payload?.k === "admission" ? ctx.state.tickets[payload.tid] : undefined;
  const event = ctx.events.find((e) => e.id === ticket?.eventId);
  if (payload?.k !== "admission" || !ticket || !event || ticket.leftAt !== null) {
    return problem(401, "invalid_token", { detail: "The admission token is missing or not valid." });
  }
  if (ctx.now >= payload.exp) {
    return problem(401, "admission_expired", { detail: "The admission window has passed." });
  }
  return { ticketId: ticket.id, event, expiresAt: payload.exp };
}

export function isProblem(value: object): value is ModelResponse {
  return "status" in value && "body" in value;
}
