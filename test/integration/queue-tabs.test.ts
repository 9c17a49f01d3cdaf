import { describe, expect, it } from "vitest";
import { createTabsBus } from "../support/fake-tabs.ts";
import { createHarness, expectPolite } from "../support/queue-harness.ts";

const MINUTE = 60_000;

describe("queue: one poller per device", () => {
  it("two tabs poll as one; the follower mirrors; closing the leader hands over without a second join", async () => {
    const h = createHarness({ scenario: "outage", seed: 41 });
    const bus = createTabsBus();
    const tabA = bus.open();
    const tabB = bus.open();
    const a = h.newClient({ tabs: tabA });
    const b = h.newClient({ tabs: tabB });
    await a.client.resume();
    await b.client.resume();
    await a.client.join("c55-59");
    await h.runUntil(() => h.byRoute("GET status").length >= 3, 5 * MINUTE);
    expect(b.client.getView().ticketId).toBe(a.client.getView().ticketId);
    expect(b.client.getView().leader).toBe(false);
    expect(a.client.getView().leader).toBe(true);

    // The leader's tab closes: the follower takes over from the store.
    a.client.stop();
    tabA.close();
    await h.clock.advance(0);
    const admitted = await h.runUntil(() => b.client.getView().phase === "admitted", 30 * MINUTE);
    expect(admitted).toBe(true);
    expect(b.client.getView().leader).toBe(true);
    expect(h.byRoute("POST join")).toHaveLength(1);
    expect(h.backend.inspect().tickets).toBe(1);
    // One poller: status reads never overlapped or came sooner than allowed.
    expect(expectPolite(h)).toEqual([]);
  });

  it("a join tapped in the follower tab makes one ticket that the leader then polls", async () => {
    const h = createHarness({ scenario: "calm", seed: 42 });
    const bus = createTabsBus();
    const a = h.newClient({ tabs: bus.open() });
    const b = h.newClient({ tabs: bus.open() });
    await a.client.resume();
    await b.client.resume();
    await b.client.join("c55-59");
    const admitted = await h.runUntil(() => a.client.getView().phase === "admitted", 20 * MINUTE);
    expect(admitted).toBe(true);
    expect(b.client.getView().phase).toBe("admitted");
    // The leader let the follower's join finish instead of sending it again.
    expect(h.byRoute("POST join")).toHaveLength(1);
    expect(h.backend.inspect().tickets).toBe(1);
    expect(expectPolite(h)).toEqual([]);
  });
});
