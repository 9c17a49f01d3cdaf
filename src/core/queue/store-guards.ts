import type { Store, TicketRecord } from "../store/types.ts";

/**
 * What one tab may write over what the device's store already holds. Tabs share the store but each
 * keeps its own picture (a tab that opened while storage failed, a follower whose join answer comes
 * late), so a save checks what is there first and never takes away a place or an admission.
 */

/** The same join already has its ticket there: a record still waiting for it must not replace it. */
export const ticketedThere = (there: TicketRecord | null, pending: TicketRecord): boolean =>
  there !== null && there.ended === null && there.ticketId !== null && there.joinKey === pending.joinKey;

/** A join's answer for a ticket already seen admitted there: the admission must stay. */
export const admittedThere = (there: TicketRecord | null, joined: TicketRecord): boolean =>
  there?.ticketId === joined.ticketId && there?.ended === null && !!there?.admission && !joined.admission;

/**
 * Writes `record` unless another live place is there (this tab opened while storage failed and could
 * not see it). When that other place is a join still waiting too, the server's word on when to POST a
 * join again (this record's floor) is carried over to it.
 */
export const putUnlessAnotherPlace =
  (record: TicketRecord) =>
  async (s: Store): Promise<void> => {
    const there = await s.getTicket(record.eventId);
    const sameJoin =
      there?.joinKey === record.joinKey && (record.ticketId !== null || there?.ticketId === null);
    if (there === null || there.ended !== null || sameJoin) await s.putTicket(record);
    else if (there.ticketId === null && record.ticketId === null && record.nextPollAt > there.nextPollAt)
      await s.putTicket({ ...there, nextPollAt: record.nextPollAt });
  };
