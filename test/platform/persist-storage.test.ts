import { describe, expect, it, vi } from "vitest";
import { joinLine } from "../../src/app/join.ts";
import type { Services } from "../../src/app/services.ts";
import type { QueueClient } from "../../src/core/queue/types.ts";
import { createPersistRequest, type PersistNavigator } from "../../src/platform/persist-storage.ts";
import { flushMicrotasks } from "../support/fake-clock.ts";

describe("durable storage is asked for at the first join tap", () => {
  it("asks navigator.storage.persist() once, however many joins follow", () => {
    const persist = vi.fn(async () => true);
    const ask = createPersistRequest(() => ({ storage: { persist } }));
    expect(persist).not.toHaveBeenCalled();
    ask();
    ask();
    ask();
    expect(persist).toHaveBeenCalledTimes(1);
  });

  it("ignores a refusal, a rejection, a throwing or a missing StorageManager", async () => {
    const refused = vi.fn(async () => false);
    createPersistRequest(() => ({ storage: { persist: refused } }))();
    expect(refused).toHaveBeenCalledTimes(1);

    const rejected = vi.fn(() => Promise.reject(new Error("SecurityError")));
    const unhandled = vi.fn();
    process.on("unhandledRejection", unhandled);
    createPersistRequest(() => ({ storage: { persist: rejected } }))();
    await flushMicrotasks(5);
    process.off("unhandledRejection", unhandled);
    expect(rejected).toHaveBeenCalledTimes(1);
    expect(unhandled).not.toHaveBeenCalled();

    // The throwing implementation is really called (so the guard around it is what keeps the tap alive).
    const persistThrows = vi.fn((): Promise<boolean> => {
      throw new Error("not here");
    });
    const throwing: PersistNavigator = { storage: { persist: persistThrows } };
    expect(() => createPersistRequest(() => throwing)()).not.toThrow();
    expect(persistThrows).toHaveBeenCalledTimes(1);
    // A navigator getter that throws (a sandboxed webview) is no reason to stop the join either.
    const navThrows = vi.fn((): PersistNavigator => {
      throw new Error("navigator blocked");
    });
    expect(() => createPersistRequest(navThrows)()).not.toThrow();
    expect(navThrows).toHaveBeenCalledTimes(1);
    const noStorage = vi.fn((): PersistNavigator | undefined => ({}));
    createPersistRequest(noStorage)();
    expect(noStorage).toHaveBeenCalledTimes(1);
  });

  it("the join intent asks first, inside the tap, then joins", async () => {
    const order: string[] = [];
    const join = vi.fn(async (eventId: string) => {
      order.push(`join ${eventId}`);
    });
    const services = {
      queue: async () => {
        order.push("queue loaded");
        return { join } as unknown as QueueClient;
      },
    } as unknown as Pick<Services, "queue">;
    const persist = vi.fn(async () => {
      order.push("persist");
      return true;
    });
    const ask = createPersistRequest(() => ({ storage: { persist } }));

    joinLine(services, "e1", ask);
    // Synchronously, inside the tap and first: some browsers grant or prompt only during a user gesture.
    expect(order[0]).toBe("persist");
    await vi.waitFor(() => expect(join).toHaveBeenCalledWith("e1"));
    joinLine(services, "e2", ask);
    await vi.waitFor(() => expect(join).toHaveBeenCalledWith("e2"));
    expect(persist).toHaveBeenCalledTimes(1);
    expect(order).toEqual(["persist", "queue loaded", "join e1", "queue loaded", "join e2"]);
  });

  it("a failing queue client load does not surface from the tap", async () => {
    const services = { queue: () => Promise.reject(new Error("chunk failed")) } as unknown as Pick<
      Services,
      "queue"
    >;
    // The failure is asynchronous: what matters is that no rejection is left unhandled.
    const unhandled = vi.fn();
    process.on("unhandledRejection", unhandled);
    const persist = vi.fn();
    joinLine(services, "e1", persist);
    await flushMicrotasks(5);
    process.off("unhandledRejection", unhandled);
    expect(persist).toHaveBeenCalledTimes(1);
    expect(unhandled).not.toHaveBeenCalled();
  });
});
