import { describe, expect, it } from "vitest";
import type { Store } from "../../src/core/store/types.ts";
import { createHarness, expectPolite } from "../support/queue-harness.ts";

const MINUTE = 60_000;

describe("queue: every end has a way forward", () => {
  it("leave: DELETE (retried through a 503), then 'left' and no more requests", async () => {
    const h = createHarness({ scenario: "calm", seed: 31 });
    const { client } = h.newClient();
    await client.join("c53-54");
    await h.clock.advance(1000);
    h.backend.faults.once({ method: "DELETE" }, { kind: "status", status: 503, retryAfter: 2 });
    const left = client.leave();
    await h.runUntil(() => client.getView().phase === "left", MINUTE);
    await left;
    const deletes = h.byRoute("DELETE leave");
    expect(deletes.map((d) => d.status)).toEqual([503, 204]);
    expect((deletes[1]?.sentAt ?? 0) - (deletes[0]?.answeredAt ?? 0)).toBeGreaterThanOrEqual(2000);
    const sent = h.requests.length;
    await h.clock.advance(10 * MINUTE);
    expect(h.requests.length).toBe(sent);
    await client.dismiss();
    expect(client.getView().phase).toBe("idle");
    expect(h.governorHolds()).toBe(0);
  });

  it("expired: never rejoins by itself; dismiss then join makes a new ticket", async () => {
    const h = createHarness({ scenario: "calm", seed: 32 });
    const { client } = h.newClient();
    await client.join("c55-59");
    await h.runUntil(() => client.getView().phase === "admitted", 20 * MINUTE);
    await h.runUntil(() => client.getView().phase === "expired", 20 * MINUTE);
    const sent = h.requests.length;
    await h.clock.advance(30 * MINUTE);
    expect(h.requests.length).toBe(sent);
    expect(h.backend.inspect().tickets).toBe(1);
    await client.dismiss();
    await client.join("c55-59");
    await h.runUntil(
      () => client.getView().phase === "waiting" || client.getView().phase === "admitted",
      MINUTE,
    );
    expect(h.backend.inspect().tickets).toBe(2);
    expect(expectPolite(h)).toEqual([]);
  });

  it("closed: the event closes before the ticket is admitted", async () => {
    const h = createHarness({ scenario: "closed", seed: 33 });
    const { client } = h.newClient();
    await client.join("c55-59");
    const closed = await h.runUntil(() => client.getView().phase === "closed", 20 * MINUTE);
    expect(closed).toBe(true);
    const sent = h.requests.length;
    await h.clock.advance(10 * MINUTE);
    expect(h.requests.length).toBe(sent);
    expect(h.governorHolds()).toBe(0);
  });

  it("joining a closed event ends in 'closed' at once", async () => {
    const h = createHarness({ scenario: "closed", seed: 34 });
    const { client } = h.newClient();
    await client.join("c53-54");
    await h.clock.advance(0);
    expect(client.getView().phase).toBe("closed");
    expect(h.backend.inspect().tickets).toBe(0);
    expect(h.governorHolds()).toBe(0);
  });

  it("a rejected ticket token ends in 'error' with the invalid_token notice, without a new join", async () => {
    const h = createHarness({ scenario: "calm", seed: 35 });
    const first = h.newClient();
    await first.client.join("c53-54");
    await h.clock.advance(1000);
    first.client.stop();
    const saved = await h.store.getActiveTicket();
    if (!saved) throw new Error("no saved ticket");
    await h.store.putTicket({ ...saved, ticketToken: `${saved.ticketToken}x`, nextPollAt: 0 });
    const second = h.newClient();
    await second.client.resume();
    await h.runUntil(() => second.client.getView().phase === "error", MINUTE);
    expect(second.client.getView().notice?.code).toBe("invalid_token");
    expect(h.byRoute("POST join")).toHaveLength(1);
    expect(h.governorHolds()).toBe(0);
  });

  it("storage failure: keeps working in memory, says so (durable false, storage_unavailable)", async () => {
    const h = createHarness({ scenario: "calm", seed: 36 });
    const broken: Store = Object.create(h.store);
    broken.putTicket = async () => {
      throw new Error("QuotaExceededError");
    };
    const { client } = h.newClient({ store: broken });
    await client.join("c55-59");
    const admitted = await h.runUntil(() => client.getView().phase === "admitted", 20 * MINUTE);
    expect(admitted).toBe(true);
    expect(client.getView().durable).toBe(false);
    expect(client.getView().notice?.code).toBe("storage_unavailable");
    expect(h.backend.inspect().tickets).toBe(1);
    expect(h.governorHolds()).toBe(0);
  });
});
