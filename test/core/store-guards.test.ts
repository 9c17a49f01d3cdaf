import { describe, expect, it } from "vitest";
import { admittedThere, putUnlessAnotherPlace, ticketedThere } from "../../src/core/queue/store-guards.ts";
import { createMemoryStore } from "../../src/core/store/memory-store.ts";
import { RECORD_T0, ticketRecord } from "../support/ticket-record.ts";

const T = RECORD_T0;
const record = ticketRecord;
const ticketed = record({ ticketId: "t1", ticketToken: "tok" });
const admitted = record({
  ticketId: "t1",
  ticketToken: "tok",
  admission: { token: "adm", expiresAt: new Date(T + 600_000).toISOString() },
});

describe("what a tab may write over the device's store", () => {
  it("a pending join of the same key yields to the ticket already there, not to another key's or an ended one", () => {
    expect(ticketedThere(ticketed, record({}))).toBe(true);
    expect(ticketedThere(ticketed, record({ joinKey: "k2" }))).toBe(false);
    expect(ticketedThere({ ...ticketed, ended: "left" }, record({}))).toBe(false);
    expect(ticketedThere(null, record({}))).toBe(false);
  });

  it("a join's answer yields to the same ticket already admitted there", () => {
    expect(admittedThere(admitted, ticketed)).toBe(true);
    expect(admittedThere(ticketed, ticketed)).toBe(false);
    expect(admittedThere(admitted, admitted)).toBe(false);
    expect(admittedThere(admitted, { ...ticketed, ticketId: "t2" })).toBe(false);
  });

  it("never writes over another live place, but carries a join's floor over to another waiting join", async () => {
    const store = createMemoryStore();
    await store.putTicket(ticketed);
    await putUnlessAnotherPlace(record({ joinKey: "k2", nextPollAt: T + 60_000 }))(store);
    expect(await store.getTicket("e1")).toEqual(ticketed);
    // The same join's ticketless record does not replace its ticket either.
    await putUnlessAnotherPlace(record({}))(store);
    expect(await store.getTicket("e1")).toEqual(ticketed);

    const waiting = record({ joinKey: "k3" });
    await store.putTicket(waiting);
    await putUnlessAnotherPlace(record({ joinKey: "k4", nextPollAt: T + 60_000 }))(store);
    expect(await store.getTicket("e1")).toEqual({ ...waiting, nextPollAt: T + 60_000 });
    // An ended place is free to be replaced.
    await store.putTicket({ ...ticketed, ended: "left" });
    await putUnlessAnotherPlace(record({ joinKey: "k5" }))(store);
    expect((await store.getTicket("e1"))?.joinKey).toBe("k5");
  });
});
