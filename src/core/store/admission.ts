import type { KeptAdmission, Store, TicketRecord } from "./types.ts";

/**
 * Tokens are secrets that only matter while they can still be used: the ticket token to read or
 * leave a waiting ticket, the admission token to book under an admission. Once a ticket has ended
 * or a reservation was made under its admission, neither stays on the device. What stays instead
 * is a mark: a short, non-secret fingerprint of the admission token (32-bit FNV-1a: it cannot be
 * used as a bearer, nor turned back into the token, and it leaks at most 32 bits of it), so a
 * finished admission can still be told apart from another one (the booking it made is shown when
 * it is opened again; another tab's confirm finds the booking made under the same admission).
 */

/** The non-secret fingerprint of an admission token: 8 hex digits. */
export function tokenMark(token: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) {
    hash ^= token.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

/** The admission's mark: kept with it once its token is gone, else made from the token. */
export function admissionMark(admission: KeptAdmission): string | null {
  return admission.mark ?? (admission.token === null ? null : tokenMark(admission.token));
}

/**
 * Whether two admissions are the same one, with or without their tokens: the same window end and
 * the same token (or, once a token is gone, the same mark).
 */
export function sameAdmission(
  a: KeptAdmission | null | undefined,
  b: KeptAdmission | null | undefined,
): boolean {
  if (!a || !b || a.expiresAt !== b.expiresAt) return false;
  if (a.token !== null && b.token !== null) return a.token === b.token;
  const mark = admissionMark(a);
  return mark !== null && mark === admissionMark(b);
}

/** The admission without its token (its mark kept). */
export function withoutAdmissionToken(admission: KeptAdmission): KeptAdmission {
  if (admission.token === null && admission.mark !== undefined) return admission;
  const mark = admissionMark(admission);
  return mark === null
    ? { token: null, expiresAt: admission.expiresAt }
    : { token: null, expiresAt: admission.expiresAt, mark };
}

/** The ticket without its ticket token and admission token: for a ticket that ended or whose admission was used. */
export function withoutTokens(record: TicketRecord): TicketRecord {
  if (record.ticketToken === null && (record.admission === null || record.admission.token === null))
    return record;
  return {
    ...record,
    ticketToken: null,
    admission: record.admission === null ? null : withoutAdmissionToken(record.admission),
  };
}

/**
 * Without a queue client to tell (see src/app/wire-booking.ts): rewrites the stored ticket of
 * `eventId` without its tokens when it is active and holds that admission. Resolves to whether it did.
 */
export async function forgetUsedTicket(
  store: Store,
  eventId: string,
  admission: KeptAdmission,
): Promise<boolean> {
  const ticket = await store.getTicket(eventId);
  if (ticket?.ended !== null || !sameAdmission(ticket.admission, admission)) return false;
  const bare = withoutTokens(ticket);
  if (bare === ticket) return false;
  await store.putTicket(bare);
  return true;
}
