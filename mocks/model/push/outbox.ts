/**
 * When the model sends Web Push (contract v1.1). The model only decides; a transport (the socket
 * server) drains the due messages and really sends them, so the model needs no crypto or sockets.
 * At most two messages per ticket: `near-front` once when etaSeconds first falls to 180 or below,
 * with a TTL of the ETA; `admitted` at admission, with a TTL of the time left in the window.
 */
import type { RequestContext } from "../context.ts";
import { viewTicket } from "../queue/tickets.ts";
import { toSeoulTimestamp } from "../time-format.ts";

/** How close (ETA, seconds) a ticket must be for the near-front heads-up. */
export const NEAR_FRONT_PUSH_SECONDS = 180;

export type PushPayload =
  | { type: "near-front"; eventId: string; ticketId: string; ahead: number; etaSeconds: number }
  | { type: "admitted"; eventId: string; ticketId: string; expiresAt: string };

export interface PushMessage {
  subscription: {
    endpoint: string;
    expirationTime: number | null;
    keys: { p256dh: string; auth: string };
  };
  /** The notification's language, as the client asked (the payload itself stays language-free). */
  lang: "ko" | "en";
  /** Never a token or personal data: the client reads the status to get the admission. */
  payload: PushPayload;
  /** Seconds the message stays true; the push service drops it after that. */
  ttlSeconds: number;
  urgency: "high";
}

/** Messages due at ctx.now; marks them sent and forgets finished subscriptions. */
export function takeDuePush(ctx: RequestContext): PushMessage[] {
  // A server without push sends nothing, whatever was subscribed before the switch.
  if (ctx.state.faults.pushUnavailable) return [];
  const out: PushMessage[] = [];
  for (const [ticketId, record] of Object.entries(ctx.state.push)) {
    const ticket = ctx.state.tickets[ticketId];
    const event = ctx.events.find((candidate) => candidate.id === record.eventId);
    if (!ticket || !event) {
      delete ctx.state.push[ticketId];
      continue;
    }
    const view = viewTicket(ctx, ticket, event);
    const message = (payload: PushPayload, ttlSeconds: number): PushMessage => ({
      subscription: { endpoint: record.endpoint, expirationTime: record.expirationTime, keys: record.keys },
      lang: record.lang,
      payload,
      ttlSeconds,
      urgency: "high",
    });
    const { state, etaSeconds, ahead } = view.status;
    if (state === "admitted" && view.admission) {
      const ttl = Math.floor((view.admission.expiresAt - ctx.now) / 1000);
      if (ttl > 0) {
        const expiresAt = toSeoulTimestamp(view.admission.expiresAt);
        out.push(message({ type: "admitted", eventId: event.id, ticketId, expiresAt }, ttl));
      }
      delete ctx.state.push[ticketId];
    } else if (state === "waiting") {
      if (!record.nearFrontSent && etaSeconds !== null && etaSeconds <= NEAR_FRONT_PUSH_SECONDS) {
        record.nearFrontSent = true;
        const payload = {
          type: "near-front",
          eventId: event.id,
          ticketId,
          ahead: ahead ?? 0,
          etaSeconds,
        } as const;
        out.push(message(payload, etaSeconds));
      }
    } else if (state !== "prequeue") {
      // left, expired, closed: the ticket has ended, so has its subscription.
      delete ctx.state.push[ticketId];
    }
  }
  return out;
}
