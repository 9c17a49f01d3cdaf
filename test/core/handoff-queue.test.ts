import { describe, expect, it } from "vitest";
import { decodeHandoff, encodeHandoff } from "../../src/core/handoff/fragment.ts";
import { importHandoff, payloadOf } from "../../src/core/handoff/transfer.ts";
import { createMemoryStore } from "../../src/core/store/memory-store.ts";
import { createTabsBus } from "../support/fake-tabs.ts";
import { createHarness, expectPolite } from "../support/queue-harness.ts";

const MINUTE = 60_000;

// "Continue elsewhere" over the real queue client on the model: device A lets go, device B (its own
// store) takes the same place from the fragment and reads its status with the brought token.

describe("handoff: a place moves to another device", () => {
  it("A lets go and sends nothing more; B shows the same ticket and number from the fragment alone", async () => {
    const h = createHarness({ scenario: "calm", seed: 7, speed: 0.2 });
    const a = h.newClient();
    await a.client.resume();
    await a.client.join("c55-59");
    await h.runUntil(() => a.client.getView().phase === "waiting", 5 * MINUTE);
    const placeA = a.client.getView();
    expect(placeA.ticketId).toMatch(/\S/);

    const fragment = encodeHandoff(payloadOf(await h.store.getActiveTicket()) ?? (null as never));
    await a.client.moveAway();
    expect(a.client.getView()).toMatchObject({ phase: "moved", nextCheckAt: null });
    expect((await h.store.getTicket("c55-59"))?.ended).toBe("moved");
    // Whatever was in flight settles; after that A asks nothing, however long it stays open.
    await h.runUntil(() => false, 5_000);
    const readsByA = h.byRoute("GET status").length;
    await h.runUntil(() => false, 30 * MINUTE);
    expect(h.byRoute("GET status")).toHaveLength(readsByA);
    expect(a.client.getView().phase).toBe("moved");

    const storeB = createMemoryStore();
    const payload = decodeHandoff(`#${fragment}`);
    expect(payload).not.toBeNull();
    expect((await importHandoff(storeB, payload ?? (null as never), h.clock.now())).kind).toBe("taken");
    const b = h.newClient({ store: storeB });
    await b.client.resume();
    await h.runUntil(() => b.client.getView().number !== null, 5 * MINUTE);
    expect(b.client.getView()).toMatchObject({
      eventId: "c55-59",
      ticketId: placeA.ticketId,
      number: placeA.number,
    });
    expect(h.byRoute("GET status").length).toBeGreaterThan(readsByA);
    expect(h.byRoute("POST join")).toHaveLength(1);
    expect(h.backend.inspect().tickets).toBe(1);
    expect(expectPolite(h)).toEqual([]);
  });

  it("an admission moves too: B is admitted under the same admission token", async () => {
    const h = createHarness({ scenario: "calm", seed: 8 });
    const a = h.newClient();
    await a.client.resume();
    await a.client.join("c55-59");
    await h.runUntil(() => a.client.getView().phase === "admitted", 60 * MINUTE);
    const admission = a.client.getView().admission;
    expect(admission?.token).toMatch(/\S/);

    const payload = payloadOf(await h.store.getActiveTicket());
    expect(payload?.admission).toEqual(admission);
    await a.client.moveAway();
    const storeB = createMemoryStore();
    await importHandoff(
      storeB,
      decodeHandoff(encodeHandoff(payload ?? (null as never))) ?? (null as never),
      0,
    );
    const b = h.newClient({ store: storeB });
    await b.client.resume();
    // Shown at once from the fragment, then confirmed by a status read with the brought token.
    expect(b.client.getView()).toMatchObject({ phase: "admitted", admission });
    const before = h.byRoute("GET status").length;
    await h.runUntil(() => h.byRoute("GET status").length > before, 5 * MINUTE);
    await h.runUntil(() => false, 1_000);
    expect(b.client.getView()).toMatchObject({
      phase: "admitted",
      admission,
      ticketId: a.client.getView().ticketId,
    });
  });

  it("moving in one tab ends the place in every tab of that device, and the poller stops", async () => {
    const h = createHarness({ scenario: "calm", seed: 9, speed: 0.2 });
    const bus = createTabsBus();
    const leader = h.newClient({ tabs: bus.open() });
    const follower = h.newClient({ tabs: bus.open() });
    await leader.client.resume();
    await follower.client.resume();
    await leader.client.join("c55-59");
    await h.runUntil(() => follower.client.getView().phase === "waiting", 5 * MINUTE);
    expect(follower.client.getView().leader).toBe(false);

    // The user lets go in the tab that does not poll.
    await follower.client.moveAway();
    await h.runUntil(() => false, 5_000);
    expect(leader.client.getView().phase).toBe("moved");
    expect(follower.client.getView().phase).toBe("moved");
    const reads = h.byRoute("GET status").length;
    await h.runUntil(() => false, 30 * MINUTE);
    expect(h.byRoute("GET status")).toHaveLength(reads);
  });

  it("moving is refused while there is no ticket yet, and does nothing once the wait has ended", async () => {
    const h = createHarness({ scenario: "calm", seed: 10 });
    const a = h.newClient();
    await a.client.resume();
    await a.client.moveAway();
    expect(a.client.getView().phase).toBe("idle");
    await a.client.join("c55-59");
    await h.runUntil(() => a.client.getView().phase === "waiting", 5 * MINUTE);
    await a.client.leave();
    await a.client.moveAway();
    expect(a.client.getView().phase).toBe("left");
  });
});
