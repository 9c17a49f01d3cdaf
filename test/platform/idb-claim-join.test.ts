import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TicketRecord } from "../../src/core/store/types.ts";
import { openIdbStore } from "../../src/platform/idb-store.ts";
import { createTabs } from "../../src/platform/tabs.ts";
import { createHarness, expectPolite } from "../support/queue-harness.ts";
import { createChannelHub, FakeLocks } from "./fake-tab-platform.ts";

const realIndexedDB = globalThis.indexedDB;
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
afterEach(() => {
  globalThis.indexedDB = realIndexedDB;
});

const MINUTE = 60_000;

const pending = (eventId: string, joinKey: string): TicketRecord => ({
  eventId,
  joinKey,
  ticketId: null,
  ticketToken: null,
  createdAt: 1,
  lastStatus: null,
  admission: null,
  nextPollAt: 0,
  ended: null,
  firstServingNumber: null,
});

describe("claiming a join across tabs (one IndexedDB)", () => {
  it("claimJoin: of two claims at once, the second gets the first's record", async () => {
    const tabA = await openIdbStore({ name: "claim" });
    const tabB = await openIdbStore({ name: "claim" });
    const [a, b] = await Promise.all([
      tabA.claimJoin(pending("e1", "key-a")),
      tabB.claimJoin(pending("e1", "key-b")),
    ]);
    expect(a.joinKey).toBe("key-a");
    expect(b.joinKey).toBe("key-a");
    expect((await tabB.getTicket("e1"))?.joinKey).toBe("key-a");
  });

  it("claimJoin: an ended ticket for the event is replaced by the new pending join", async () => {
    const store = await openIdbStore({ name: "claim-ended" });
    await store.putTicket({ ...pending("e1", "old"), ended: "expired" });
    const claimed = await store.claimJoin(pending("e1", "new"));
    expect(claimed.joinKey).toBe("new");
    expect((await store.getTicket("e1"))?.joinKey).toBe("new");
  });

  it("two tabs tapping Join together send one Idempotency-Key and get one ticket", async () => {
    const h = createHarness({ scenario: "calm", seed: 21 });
    const env = { locks: new FakeLocks() as unknown as LockManager, openChannel: createChannelHub() };
    const tabA = createTabs(env);
    await tabA.ready;
    const tabB = createTabs(env);
    await tabB.ready;
    const a = h.newClient({ store: await openIdbStore({ name: "tabs" }), tabs: tabA });
    const b = h.newClient({ store: await openIdbStore({ name: "tabs" }), tabs: tabB });
    await Promise.all([a.client.join("c55-59"), b.client.join("c55-59")]);
    await h.runUntil(
      () => a.client.getView().phase === "waiting" && b.client.getView().phase === "waiting",
      5 * MINUTE,
    );
    const keys = new Set(h.byRoute("POST join").map((r) => r.idempotencyKey));
    expect(keys.size).toBe(1);
    expect(h.backend.inspect().tickets).toBe(1);
    expect(a.client.getView().ticketId).not.toBeNull();
    expect(b.client.getView().ticketId).toBe(a.client.getView().ticketId);
    expect(expectPolite(h)).toEqual([]);
    a.client.stop();
    b.client.stop();
    tabA.close();
    tabB.close();
  });
});
