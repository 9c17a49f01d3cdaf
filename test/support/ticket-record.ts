import type { TicketRecord } from "../../src/core/store/types.ts";

/** 2021-07-19 20:00 KST. */
export const RECORD_T0 = Date.parse("2021-07-19T11:00:00.000Z");

/** A ticket as the store keeps it: a pending join on "e1" with key "k1" unless told otherwise. */
export const ticketRecord = (over: Partial<TicketRecord>): TicketRecord => ({
  eventId: "e1",
  joinKey: "k1",
  ticketId: null,
  ticketToken: null,
  createdAt: RECORD_T0,
  lastStatus: null,
  admission: null,
  nextPollAt: 0,
  ended: null,
  ...over,
});
