import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/platform/open-store.ts";

const realIndexedDB = globalThis.indexedDB;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
afterEach(() => {
  globalThis.indexedDB = realIndexedDB;
});

const ticket = {
  eventId: "e1",
  joinKey: "k",
  ticketId: "t1",
  ticketToken: "tok",
  createdAt: 1,
  lastStatus: null,
  admission: null,
  nextPollAt: 0,
  ended: null,
};

describe("openStore", () => {
  it("uses IndexedDB when it works", async () => {
    const store = await openStore();
    expect(store.durable).toBe(true);
  });

  it("falls back to memory when opening IndexedDB throws (private mode)", async () => {
    globalThis.indexedDB = {
      open() {
        throw new DOMException(
          "A mutation operation was attempted on a database that did not allow mutations.",
          "InvalidStateError",
        );
      },
    } as unknown as IDBFactory;
    const store = await openStore();
    expect(store.durable).toBe(false);
    await store.putTicket(ticket);
    expect((await store.getActiveTicket())?.eventId).toBe("e1");
  });

  it("falls back to memory when the open request fails asynchronously", async () => {
    const store = await openStore(() => Promise.reject(new DOMException("denied", "UnknownError")));
    expect(store.durable).toBe(false);
  });

  it("falls back to memory when there is no IndexedDB at all", async () => {
    // @ts-expect-error simulating a browser without IndexedDB
    globalThis.indexedDB = undefined;
    const store = await openStore();
    expect(store.durable).toBe(false);
  });
});
