import { describe, expect, it } from "vitest";
import { createHarness, expectPolite, T0 } from "../support/queue-harness.ts";

const MINUTE = 60_000;

describe("queue lifecycle: offline, background, pre-queue", () => {
  it("offline: no requests, place kept, 'offline' notice; back online: one jittered re-check", async () => {
    const h = createHarness({ scenario: "calm", seed: 21 });
    const { client } = h.newClient();
    await client.join("c53-54"); // pre-queue: a long wait, nothing is admitted soon
    await h.clock.advance(1000);
    const ticketId = client.getView().ticketId;
    client.setOnline(false);
    await h.clock.advance(0);
    const sent = h.requests.length;
    await h.clock.advance(10 * MINUTE);
    expect(h.requests.length).toBe(sent);
    expect(client.getView().notice?.code).toBe("offline");
    expect(client.getView().ticketId).toBe(ticketId);

    client.setOnline(true);
    await h.clock.advance(3000);
    expect(h.requests.length).toBe(sent + 1);
    // Toggling again within the server's pollAfter does not send another one.
    client.setOnline(false);
    client.setOnline(true);
    client.setVisible(false);
    client.setVisible(true);
    await h.clock.advance(1000);
    expect(h.requests.length).toBe(sent + 1);
    expect(expectPolite(h)).toEqual([]);
  });

  it("pre-queue: waits for opening, gets a place by itself, and is admitted", async () => {
    const h = createHarness({ scenario: "calm", seed: 22 });
    const { client, views } = h.newClient();
    await client.join("c53-54");
    await h.clock.advance(0);
    expect(client.getView().phase).toBe("prequeue");
    const opensAt = client.getView().opensAt ?? 0;
    expect(opensAt).toBe(T0 + 60_000);
    const admitted = await h.runUntil(() => client.getView().phase === "admitted", 30 * MINUTE);
    expect(admitted).toBe(true);
    expect(views.some((v) => v.number !== null)).toBe(true);
    // The first read after opening comes after opening (spread over the next seconds), not before it.
    const afterOpening = h.byRoute("GET status").filter((r) => r.sentAt >= opensAt);
    expect(afterOpening.length).toBeGreaterThan(0);
    // Before opening it asked rarely: at most three status reads in the minute before opening.
    expect(h.byRoute("GET status").filter((r) => r.sentAt < opensAt).length).toBeLessThanOrEqual(3);
    expect(h.backend.inspect().tickets).toBe(1);
    expect(expectPolite(h)).toEqual([]);
  });

  it("a queue not open yet: keeps the pending join and joins once the pre-queue opens", async () => {
    const h = createHarness({ scenario: "calm", seed: 23 });
    const { client } = h.newClient();
    await client.join("c50-52"); // pre-queue opens in a day
    await h.clock.advance(0);
    await h.clock.advance(0);
    expect(client.getView().phase).toBe("joining");
    expect(client.getView().notice?.code).toBe("queue_not_open");
    const reached = await h.runUntil(() => client.getView().phase === "prequeue", 25 * 60 * MINUTE);
    expect(reached).toBe(true);
    const joins = h.byRoute("POST join");
    expect(joins.length).toBe(2);
    expect(new Set(joins.map((j) => j.idempotencyKey)).size).toBe(1);
    expect((joins[1]?.sentAt ?? 0) - T0).toBeGreaterThanOrEqual(24 * 60 * MINUTE);
    // A day of waiting cost a handful of requests, not thousands.
    expect(h.requests.length).toBeLessThanOrEqual(5);
    expect(h.governorHolds()).toBe(0);
  });

  it("in the background a far-back ticket polls rarely and an admission is still noticed within a minute", async () => {
    const h = createHarness({ scenario: "outage", seed: 24 });
    const { client } = h.newClient();
    client.setVisible(false);
    await client.join("c55-59");
    let admittedAt: number | null = null;
    const admitted = await h.runUntil(() => {
      if (admittedAt === null && client.getView().phase === "admitted") admittedAt = h.clock.trueNow();
      return admittedAt !== null;
    }, 60 * MINUTE);
    expect(admitted).toBe(true);
    const statuses = h.byRoute("GET status");
    const gaps = statuses.slice(1).map((r, i) => r.sentAt - (statuses[i]?.answeredAt ?? 0));
    const successfulGaps = gaps.filter((_, i) => statuses[i]?.status === 200);
    // Never more often than every 30 s in the background...
    for (const gap of successfulGaps) expect(gap).toBeGreaterThanOrEqual(30_000);
    // ...and the admission (granted 10 minutes before it expires) was seen within a minute.
    const expiresAt = Date.parse(client.getView().admission?.expiresAt ?? "");
    const grantedAt = expiresAt - 10 * MINUTE;
    expect((admittedAt ?? 0) - grantedAt).toBeLessThanOrEqual(MINUTE);
    expect(expectPolite(h)).toEqual([]);
  });
});

describe("queue against a naive server hint", () => {
  it("far back in a long line, a constant 'pollAfterSeconds: 1' does not make it ask every second", async () => {
    const h = createHarness({
      scenario: "opening-surge",
      seed: 25,
      rewrite: (route, body) => (route === "GET status" ? { ...body, pollAfterSeconds: 1 } : body),
    });
    const { client } = h.newClient();
    await client.join("c55-59"); // opened a minute ago behind 1.2 million pre-queued people
    await h.clock.advance(20 * MINUTE);
    expect(client.getView().phase).toBe("waiting");
    expect(client.getView().ahead).toBeGreaterThan(100_000);
    const reads = h.byRoute("GET status").length;
    // A naive client would have asked 1,200 times; the estimate (half the optimistic ETA, capped at
    // 15 min in the foreground since issue 10) says a handful, halving as the front nears.
    expect(reads).toBeGreaterThanOrEqual(2);
    expect(reads).toBeLessThanOrEqual(8);
    expect(expectPolite(h)).toEqual([]);
  });
});
