import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importHandoff, recordOf } from "../../src/core/handoff/transfer.ts";
import type { TicketRecord } from "../../src/core/store/types.ts";
import { openIdbStore } from "../../src/platform/idb-store.ts";

// Taking a place in over the IndexedDB store, as the browser does: one ticket, never two.

const realIndexedDB = globalThis.indexedDB;
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
afterEach(() => {
  globalThis.indexedDB = realIndexedDB;
});

const PLACE = { eventId: "c55-59", ticketId: "t_9", token: "tok.en", admission: null };
const mine = (overrides: Partial<TicketRecord> = {}): TicketRecord => ({
  ...recordOf({ eventId: "c53-54", ticketId: "t_1", token: "a.b", admission: null }, 1_000),
  joinKey: "k1",
  ...overrides,
});

describe("handoff import over IndexedDB", () => {
  it("stores the brought ticket when no active one is there, over an ended record of its event", async () => {
    const store = await openIdbStore({ name: "import-1" });
    await store.putTicket({ ...recordOf(PLACE, 0), ended: "moved", ticketToken: null });
    await store.putTicket(mine({ ended: "left" }));
    expect((await importHandoff(store, PLACE, 2_000)).kind).toBe("taken");
    expect(await store.getActiveTicket()).toEqual(recordOf(PLACE, 2_000));
  });

  it("keeps the active ticket (or pending join) it holds and writes nothing", async () => {
    for (const held of [mine(), mine({ ticketId: null, ticketToken: null }), mine({ eventId: "c55-59" })]) {
      const store = await openIdbStore({ name: `import-${held.ticketId}-${held.eventId}` });
      await store.putTicket(held);
      expect(await importHandoff(store, PLACE, 2_000)).toEqual({ kind: "conflict", kept: held });
      expect(await store.getActiveTicket()).toEqual(held);
      if (held.eventId !== "c55-59") expect(await store.getTicket("c55-59")).toBeNull();
    }
  });

  it("a join for the same event that lands first wins: the import says so and keeps it", async () => {
    const store = await openIdbStore({ name: "race" });
    const join = mine({ eventId: "c55-59", ticketId: null, ticketToken: null, joinKey: "other-tab" });
    const [claimed, imported] = await Promise.all([
      store.claimJoin(join),
      importHandoff(store, PLACE, 2_000),
    ]);
    expect(claimed).toEqual(join);
    expect(imported).toEqual({ kind: "conflict", kept: join });
    expect(await store.getActiveTicket()).toEqual(join);
  });
});
