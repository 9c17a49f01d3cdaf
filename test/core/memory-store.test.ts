import { describe, expect, it } from "vitest";
import { createMemoryStore } from "../../src/core/store/memory-store.ts";
import type { TicketRecord } from "../../src/core/store/types.ts";

const ticket = (eventId: string, ended: TicketRecord["ended"] = null): TicketRecord => ({
  eventId,
  joinKey: `key-${eventId}`,
  ticketId: null,
  ticketToken: null,
  createdAt: 0,
  lastStatus: null,
  admission: null,
  nextPollAt: 0,
  ended,
});

describe("createMemoryStore", () => {
  it("is not durable, and hands out copies so callers cannot change what is stored", async () => {
    const store = createMemoryStore();
    expect(store.durable).toBe(false);
    const record = ticket("e1");
    await store.putTicket(record);
    record.joinKey = "changed";
    const read = await store.getTicket("e1");
    expect(read?.joinKey).toBe("key-e1");
    if (read) read.nextPollAt = 99;
    expect((await store.getTicket("e1"))?.nextPollAt).toBe(0);
  });

  it("returns only a ticket that has not ended as the active one", async () => {
    const store = createMemoryStore();
    await store.putTicket(ticket("old", "expired"));
    expect(await store.getActiveTicket()).toBeNull();
    await store.putTicket(ticket("new"));
    expect((await store.getActiveTicket())?.eventId).toBe("new");
    await store.deleteTicket("new");
    expect(await store.getTicket("new")).toBeNull();
  });
});
