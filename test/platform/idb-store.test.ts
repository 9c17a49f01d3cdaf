import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { deleteDB, openDB } from "idb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Reservation } from "../../src/core/contract/types.ts";
import type { BookingDraft, TicketRecord } from "../../src/core/store/types.ts";
import { openIdbStore } from "../../src/platform/idb-store.ts";

const realIndexedDB = globalThis.indexedDB;

beforeEach(() => {
  // A fresh, empty IndexedDB for every case.
  globalThis.indexedDB = new IDBFactory();
});
afterEach(() => {
  globalThis.indexedDB = realIndexedDB;
});

function ticket(eventId: string, overrides: Partial<TicketRecord> = {}): TicketRecord {
  return {
    eventId,
    joinKey: `key-${eventId}`,
    ticketId: `t-${eventId}`,
    ticketToken: `tok-${eventId}`,
    createdAt: 1000,
    lastStatus: null,
    admission: null,
    nextPollAt: 0,
    ended: null,
    ...overrides,
  };
}

const draft: BookingDraft = {
  eventId: "e1",
  admission: { token: "adm", expiresAt: "2021-07-19T20:10:00.000+09:00" },
  name: "홍길동",
  birthDate: "1960-01-02",
  phone: "010-1234-5678",
  identityKey: null,
  identityToken: null,
  maskedName: null,
  regionCode: "11",
  centerId: null,
  date: null,
  time: null,
  reservationKey: "rk",
  updatedAt: 5,
};

const reservation = {
  id: "r1",
  code: "ABC123",
  accessToken: "at",
  center: { id: "c1", name: { ko: "센터", en: "Center" }, address: { ko: "주소", en: "Address" } },
  firstDose: { date: "2021-08-01", time: "09:00" },
  secondDose: { date: "2021-08-29", time: "09:00" },
  vaccine: "mRNA",
  status: "confirmed",
  createdAt: "2021-07-19T20:05:00.000+09:00",
} satisfies Reservation;

describe("openIdbStore", () => {
  it("creates every object store when migrating from an empty database", async () => {
    await openIdbStore({ name: "fresh" });
    const raw = await openDB("fresh");
    expect(raw.version).toBe(1);
    expect([...raw.objectStoreNames].sort()).toEqual(["drafts", "meta", "reservations", "tickets"]);
    raw.close();
  });

  it("round-trips tickets, drafts, reservations, preferences and the catalog", async () => {
    const store = await openIdbStore({ name: "trip" });
    expect(store.durable).toBe(true);

    const saved = ticket("e1", { lastStatus: null, nextPollAt: 42 });
    await store.putTicket(saved);
    expect(await store.getTicket("e1")).toEqual(saved);
    expect(await store.getTicket("missing")).toBeNull();
    await store.deleteTicket("e1");
    expect(await store.getTicket("e1")).toBeNull();

    expect(await store.getDraft()).toBeNull();
    await store.putDraft(draft);
    expect(await store.getDraft()).toEqual(draft);
    await store.deleteDraft();
    expect(await store.getDraft()).toBeNull();

    await store.putReservation(reservation);
    await store.putReservation({ ...reservation, status: "cancelled" });
    expect(await store.listReservations()).toEqual([{ ...reservation, status: "cancelled" }]);

    const prefs = await store.getPreferences();
    expect(prefs).toMatchObject({ notify: false, sound: false, lang: null, birthYear: null });
    await store.putPreferences({ ...prefs, notify: true, lang: "en" });
    expect(await store.getPreferences()).toMatchObject({ notify: true, sound: false, lang: "en" });

    expect(await store.getCatalog()).toBeNull();
    const catalog = {
      regions: [{ code: "11", name: { ko: "서울", en: "Seoul" } }],
      centers: null,
      fetchedAt: 9,
    };
    await store.putCatalog(catalog);
    expect(await store.getCatalog()).toEqual(catalog);
  });

  it("keeps data across a reopen, as after an app kill", async () => {
    const first = await openIdbStore({ name: "reopen" });
    await first.putTicket(ticket("e1"));
    const second = await openIdbStore({ name: "reopen" });
    expect((await second.getTicket("e1"))?.ticketId).toBe("t-e1");
  });

  it("getActiveTicket ignores ended tickets and prefers the newest active one", async () => {
    const store = await openIdbStore({ name: "active" });
    expect(await store.getActiveTicket()).toBeNull();
    await store.putTicket(ticket("old", { ended: "expired", createdAt: 5000 }));
    expect(await store.getActiveTicket()).toBeNull();
    await store.putTicket(ticket("a", { createdAt: 1000 }));
    await store.putTicket(ticket("b", { createdAt: 2000, ticketId: null, ticketToken: null }));
    expect((await store.getActiveTicket())?.eventId).toBe("b");
    await store.putTicket(ticket("b", { createdAt: 2000, ended: "left" }));
    expect((await store.getActiveTicket())?.eventId).toBe("a");
  });

  it("closes its connection when another tab needs a version change, and reopens after", async () => {
    const store = await openIdbStore({ name: "blocking" });
    await store.putTicket(ticket("e1"));
    let blocked = false;
    await deleteDB("blocking", {
      blocked: () => {
        blocked = true;
      },
    });
    expect(blocked).toBe(false);
    // The next call opens again and migrates the (now empty) database.
    expect(await store.getTicket("e1")).toBeNull();
    await store.putTicket(ticket("e2"));
    expect((await store.getTicket("e2"))?.ticketId).toBe("t-e2");
  });
});
