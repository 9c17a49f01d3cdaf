import { describe, expect, it } from "vitest";
import { failingStore as failing } from "../support/failing-store.ts";
import { createTabsBus } from "../support/fake-tabs.ts";
import { createHarness } from "../support/queue-harness.ts";

describe("queue after a storage failure (chaos: 2 tickets for 1 join intent)", () => {
  it("a reload during a storage failure, then Join once storage is back, resumes the saved ticket (one key)", async () => {
    const h = createHarness({ seed: 3 });
    let down = false;
    const store = failing(h.store, () => down);
    const first = h.newClient({ store });
    await first.client.join("c55-59");
    await h.runUntil(() => first.client.getView().ticketId !== null, 30_000);
    const ticketId = first.client.getView().ticketId;
    expect(ticketId).not.toBeNull();
    first.client.stop();

    // The page reloads while IndexedDB fails: it can only say "no ticket" (memory fallback).
    down = true;
    const second = h.newClient({ store });
    await second.client.resume();
    expect(second.client.getView().phase).toBe("idle");
    // Storage comes back; the user taps Join on the empty-looking screen.
    down = false;
    await second.client.join("c55-59");
    await h.runUntil(() => second.client.getView().ticketId !== null, 30_000);

    const keys = new Set(h.byRoute("POST join").map((r) => r.idempotencyKey));
    expect(keys.size).toBe(1);
    expect(second.client.getView().ticketId).toBe(ticketId);
    second.client.stop();
  });

  it("a second tab opened as storage comes back and tapping Join at once takes the leader's memory-only place", async () => {
    const h = createHarness({ seed: 5 });
    let down = true;
    const store = failing(h.store, () => down);
    const bus = createTabsBus();
    const leader = h.newClient({ store, tabs: bus.open() });
    // The first tab joins while IndexedDB fails: its place lives in memory only.
    await leader.client.join("c55-59");
    await h.runUntil(() => leader.client.getView().ticketId !== null, 30_000);
    const ticketId = leader.client.getView().ticketId;
    expect(ticketId).not.toBeNull();

    // Storage is back; a second tab opens and its Join is tapped before it has heard the leader.
    down = false;
    const follower = h.newClient({ store, tabs: bus.open() });
    const joined = follower.client.join("c55-59");
    await h.clock.advance(1_000);
    await joined;
    await h.runUntil(() => follower.client.getView().ticketId !== null, 30_000);

    // One ticket on the server (before: the follower read an empty store and sent its own key).
    expect(h.byRoute("POST join")).toHaveLength(1);
    expect(h.backend.inspect().tickets).toBe(1);
    expect(follower.client.getView().ticketId).toBe(ticketId);
    leader.client.stop();
    follower.client.stop();
  });

  it("a status read saved while storage failed reaches the device's store within 2 s of storage coming back", async () => {
    const h = createHarness({ seed: 4 });
    let down = false;
    const store = failing(h.store, () => down);
    const { client } = h.newClient({ store });
    await client.join("c55-59");
    await h.runUntil(() => h.byRoute("GET status").length >= 1, 60_000);
    const saved = await h.store.getTicket("c55-59");

    down = true;
    const reads = h.byRoute("GET status").length;
    await h.runUntil(() => h.byRoute("GET status").length > reads, 10 * 60_000);
    // Storage is back: no save is due (the next read is far off), yet the read lands within 2 s.
    down = false;
    await h.clock.advance(2_100);
    const now = await h.store.getTicket("c55-59");
    expect(now?.nextPollAt).not.toBe(saved?.nextPollAt);
    expect(now?.nextPollAt).toBeGreaterThan(saved?.nextPollAt ?? Number.POSITIVE_INFINITY);
    client.stop();
  });
});
