import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LEAVE_MAX_RETRIES } from "../../src/core/queue/machine-failures.ts";
import { QueueLeaveError } from "../../src/core/queue/types.ts";
import { createMemoryStore } from "../../src/core/store/memory-store.ts";
import type { Store } from "../../src/core/store/types.ts";
import { createFakeClock, type FakeClock } from "../support/fake-clock.ts";
import { clientOnStub, httpError, waitingStatus } from "../support/stub-queue-api.ts";

const T0 = Date.parse("2021-07-19T11:00:00Z");
const MINUTE = 60_000;

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled.length = 0;
  process.on("unhandledRejection", onUnhandled);
});
afterEach(() => {
  process.off("unhandledRejection", onUnhandled);
});

function setUp(fake: FakeClock, store: Store = createMemoryStore(), fallbackStore?: () => Store) {
  return clientOnStub(fake, { seed: 11, store, ...(fallbackStore ? { fallbackStore } : {}) });
}

/** How a promise settled, without letting a rejection go unhandled while fake time moves. */
function settlement(promise: Promise<unknown>) {
  const seen: { state: "pending" | "resolved" | "rejected"; error?: unknown } = { state: "pending" };
  promise.then(
    () => {
      seen.state = "resolved";
    },
    (error: unknown) => {
      seen.state = "rejected";
      seen.error = error;
    },
  );
  return seen;
}

describe("leave() always settles", () => {
  it("a refused DELETE (403): leaving ends, the notice says why, leave() rejects, polling goes on", async () => {
    const fake = createFakeClock(T0);
    const { stub, client } = setUp(fake);
    stub.onLeave = () => ({ error: httpError(403, "forbidden") });
    await client.join("c55-59");
    const left = settlement(client.leave());
    await fake.advance(1000);
    expect(left.state).toBe("rejected");
    expect(left.error).toBeInstanceOf(QueueLeaveError);
    expect((left.error as QueueLeaveError).code).toBe("forbidden");
    const view = client.getView();
    expect(view.phase).toBe("waiting");
    expect(view.notice?.code).toBe("forbidden");
    const statusBefore = stub.count("status");
    await fake.advance(5 * MINUTE);
    expect(stub.count("status")).toBeGreaterThan(statusBefore);
    expect(stub.count("leave")).toBe(1);
    client.stop();
  });

  it("a DELETE that keeps failing (503) is given up after a few polite retries, and leave() rejects", async () => {
    const fake = createFakeClock(T0);
    const { stub, client } = setUp(fake);
    stub.onLeave = () => ({ error: httpError(503, "overloaded", 5_000) });
    await client.join("c55-59");
    const left = settlement(client.leave());
    await fake.advance(30 * MINUTE);
    expect(left.state).toBe("rejected");
    expect((left.error as QueueLeaveError).code).toBe("overloaded");
    expect(stub.count("leave")).toBe(LEAVE_MAX_RETRIES + 1);
    const deletes = stub.calls.filter((c) => c.op === "leave").map((c) => c.at);
    for (let i = 1; i < deletes.length; i++)
      expect((deletes[i] ?? 0) - (deletes[i - 1] ?? 0)).toBeGreaterThanOrEqual(5_000);
    expect(client.getView().phase).toBe("waiting");
    client.stop();
  });

  it("a DELETE answered 204 resolves leave() and ends the ticket", async () => {
    const fake = createFakeClock(T0);
    const { client } = setUp(fake);
    await client.join("c55-59");
    const left = settlement(client.leave());
    await fake.advance(1000);
    expect(left.state).toBe("resolved");
    expect(client.getView().phase).toBe("left");
  });
});

describe("a throw inside the queue client's runner", () => {
  it("a store that fails for good keeps the place, shows 'error', re-arms a polite timer; no unhandled rejection", async () => {
    const fake = createFakeClock(T0);
    let broken = false;
    const breakable = (): Store => {
      const inner = createMemoryStore();
      return {
        ...inner,
        putTicket: async (ticket) => {
          if (broken) throw new Error("store bug");
          return inner.putTicket(ticket);
        },
      };
    };
    const { stub, client } = setUp(fake, breakable(), breakable);
    await client.join("c55-59");
    await fake.advance(0);
    expect(client.getView().phase).toBe("waiting");
    broken = true;
    const statusBefore = stub.count("status");
    // The next status answer's save throws in the primary store and in the fallback.
    await fake.advance(MINUTE);
    expect(stub.count("status")).toBeGreaterThan(statusBefore);
    const view = client.getView();
    expect(view.notice?.code).toBe("error");
    expect(view.ticketId).toBe("t1");
    expect(view.phase).toBe("waiting");
    expect(fake.pendingTimers()).toBeGreaterThan(0);
    // Polling goes on, politely (not at once, not in a loop).
    const crashedAt = stub.calls.filter((c) => c.op === "status").at(-1)?.at ?? 0;
    broken = false;
    await fake.advance(5 * MINUTE);
    const after = stub.calls.filter((c) => c.op === "status" && c.at > crashedAt);
    expect(after.length).toBeGreaterThan(0);
    expect((after[0]?.at ?? 0) - crashedAt).toBeGreaterThanOrEqual(10_000);
    // The next good answer clears the bug notice (the memory fallback is what remains to say).
    expect(client.getView().notice?.code).toBe("storage_unavailable");
    expect(unhandled).toEqual([]);
    client.stop();
  });

  it("a throwing your-turn alert (a platform bug) keeps the admission on screen and a timer armed", async () => {
    const fake = createFakeClock(T0);
    const { stub, client } = clientOnStub(fake, {
      seed: 3,
      onAdmitted: () => {
        throw new Error("Notification constructor missing");
      },
    });
    stub.onStatus = () => ({
      body: waitingStatus(fake.trueNow(), {
        state: "admitted",
        ahead: 0,
        admission: { token: "adm", expiresAt: new Date(fake.trueNow() + 10 * MINUTE).toISOString() },
      }),
    });
    await client.join("c55-59");
    // The first status read (10–12 s after joining) brings the admission; the alert throws.
    await fake.advance(15_000);
    expect(stub.count("status")).toBe(1);
    const view = client.getView();
    expect(view.phase).toBe("admitted");
    expect(view.admission?.token).toBe("adm");
    expect(view.notice?.code).toBe("error");
    expect(fake.pendingTimers()).toBeGreaterThan(0);
    // One polite re-read later, the same admission and no notice left.
    await fake.advance(MINUTE);
    expect(stub.count("status")).toBe(2);
    expect(client.getView().admission?.token).toBe("adm");
    expect(client.getView().notice).toBeNull();
    expect(unhandled).toEqual([]);
    client.stop();
  });
});
