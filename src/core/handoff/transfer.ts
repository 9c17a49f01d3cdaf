import type { Store, TicketRecord } from "../store/types.ts";
import type { HandoffPayload } from "./fragment.ts";

/**
 * The two ends of "continue elsewhere" over the Store: what the first device sends (only a live
 * ticket with its token), and how the receiving one takes it in (one ticket, never two).
 */

/** The payload for an active ticket that has a ticket id and token; null for anything else. */
export function payloadOf(record: TicketRecord | null): HandoffPayload | null {
  if (!record || record.ended !== null || record.ticketId === null || record.ticketToken === null)
    return null;
  const admission = record.admission;
  return {
    eventId: record.eventId,
    ticketId: record.ticketId,
    token: record.ticketToken,
    admission:
      admission && admission.token !== null
        ? { token: admission.token, expiresAt: admission.expiresAt }
        : null,
  };
}

/**
 * The record a received place is kept as: no status yet (the waiting room reads it with the token),
 * its admission kept so it shows before the first read. `now` is the device clock.
 */
export function recordOf(payload: HandoffPayload, now: number): TicketRecord {
  return {
    eventId: payload.eventId,
    // Never sent: the ticket exists, so no join (and no Idempotency-Key) is ever made for it.
    joinKey: `handoff-${payload.ticketId}`,
    ticketId: payload.ticketId,
    ticketToken: payload.token,
    createdAt: now,
    lastStatus: null,
    admission: payload.admission,
    nextPollAt: 0,
    ended: null,
    firstServingNumber: null,
  };
}

/**
 * `taken`: this browser now holds the place (it was taken in, or already held it).
 * `conflict`: it holds another active ticket (or a join in progress), which it keeps; nothing was written.
 */
export type ImportResult = { kind: "taken"; record: TicketRecord } | { kind: "conflict"; kept: TicketRecord };

/**
 * Takes a received place into the store unless another active ticket is there (one ticket, never
 * two). The write is the join's own claim (one IndexedDB transaction for the event), so a join for
 * the same event racing in from another tab wins and this says "conflict". (No Store method of its
 * own: the store's code is on the first screen, and this way it carries nothing for the handoff.)
 */
export async function importHandoff(
  store: Store,
  payload: HandoffPayload,
  now: number,
): Promise<ImportResult> {
  const same = (record: TicketRecord) =>
    record.eventId === payload.eventId && record.ticketId === payload.ticketId;
  const active = await store.getActiveTicket();
  if (active && !same(active)) return { kind: "conflict", kept: active };
  const kept = active ?? (await store.claimJoin(recordOf(payload, now)));
  return same(kept) ? { kind: "taken", record: kept } : { kind: "conflict", kept };
}
