import { describe, expect, it } from "vitest";
import { createTabs } from "../../src/platform/tabs.ts";
import { createHarness, expectPolite } from "../support/queue-harness.ts";
import { createChannelHub, FakeLocks } from "./fake-tab-platform.ts";

const MINUTE = 60_000;

/** The real leader election (tabs.ts) under the real queue client, on the mock backend in fake time. */
describe("tabs with the queue client", () => {
  it("two tabs poll as one, the follower mirrors, and closing the leader hands over without a second join", async () => {
    const h = createHarness({ scenario: "calm", seed: 7 });
    const locks = new FakeLocks();
    const openChannel = createChannelHub();
    const env = { locks: locks as unknown as LockManager, openChannel };
    const tabA = createTabs(env);
    const tabB = createTabs(env);
    await h.clock.advance(0);
    expect([tabA.isLeader(), tabB.isLeader()]).toEqual([true, false]);

    const a = h.newClient({ tabs: tabA });
    const b = h.newClient({ tabs: tabB });
    await a.client.resume();
    await b.client.resume();
    await a.client.join("c55-59");
    await h.runUntil(() => h.byRoute("GET status").length >= 3, 10 * MINUTE);

    const ticketId = a.client.getView().ticketId;
    expect(ticketId).not.toBeNull();
    expect(b.client.getView().ticketId).toBe(ticketId);
    expect(b.client.getView().leader).toBe(false);

    // The leader's tab goes away: the browser releases its lock and the other tab takes over.
    a.client.stop();
    tabA.close();
    await h.clock.advance(0);
    expect(tabB.isLeader()).toBe(true);
    const admitted = await h.runUntil(() => b.client.getView().phase === "admitted", 60 * MINUTE);
    expect(admitted).toBe(true);
    expect(b.client.getView().ticketId).toBe(ticketId);
    expect(h.byRoute("POST join")).toHaveLength(1);
    expect(h.backend.inspect().tickets).toBe(1);
    expect(expectPolite(h)).toEqual([]);
    tabB.close();
  });

  it("a join tapped in the follower tab makes one ticket that the leader then polls", async () => {
    const h = createHarness({ scenario: "calm", seed: 8 });
    const env = { locks: new FakeLocks() as unknown as LockManager, openChannel: createChannelHub() };
    const tabA = createTabs(env);
    await tabA.ready;
    const tabB = createTabs(env);
    await tabB.ready;
    const a = h.newClient({ tabs: tabA });
    const b = h.newClient({ tabs: tabB });
    await a.client.resume();
    await b.client.resume();
    await b.client.join("c55-59");
    const admitted = await h.runUntil(() => a.client.getView().phase === "admitted", 60 * MINUTE);
    expect(admitted).toBe(true);
    expect(b.client.getView().phase).toBe("admitted");
    expect(h.byRoute("POST join")).toHaveLength(1);
    expect(h.backend.inspect().tickets).toBe(1);
    expect(expectPolite(h)).toEqual([]);
    a.client.stop();
    b.client.stop();
    tabA.close();
    tabB.close();
  });

  it("a frozen leader hands polling to the other tab, and follows it after resuming", async () => {
    const h = createHarness({ scenario: "calm", seed: 9 });
    const locks = new FakeLocks() as unknown as LockManager;
    const openChannel = createChannelHub();
    const pageA = new EventTarget();
    const tabA = createTabs({ locks, openChannel, lifecycle: pageA });
    await tabA.ready;
    const tabB = createTabs({ locks, openChannel });
    await tabB.ready;
    const a = h.newClient({ tabs: tabA });
    const b = h.newClient({ tabs: tabB });
    await a.client.resume();
    await b.client.resume();
    await a.client.join("c55-59");
    await h.runUntil(() => h.byRoute("GET status").length >= 2, 10 * MINUTE);

    pageA.dispatchEvent(new Event("freeze"));
    await h.clock.advance(0);
    expect([tabA.isLeader(), tabB.isLeader()]).toEqual([false, true]);
    pageA.dispatchEvent(new Event("resume"));
    await h.clock.advance(0);
    expect([tabA.isLeader(), tabB.isLeader()]).toEqual([false, true]);

    const admitted = await h.runUntil(() => b.client.getView().phase === "admitted", 60 * MINUTE);
    expect(admitted).toBe(true);
    // The resumed tab mirrors the new leader.
    expect(a.client.getView()).toMatchObject({ phase: "admitted", leader: false });
    expect(a.client.getView().ticketId).toBe(b.client.getView().ticketId);
    expect(h.byRoute("POST join")).toHaveLength(1);
    expect(expectPolite(h)).toEqual([]);
    a.client.stop();
    b.client.stop();
    tabA.close();
    tabB.close();
  });
});
