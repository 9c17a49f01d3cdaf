import { describe, expect, it } from "vitest";
import { createHarness, expectPolite, type Harness } from "../support/queue-harness.ts";

const MINUTE = 60_000;
const JOIN = { method: "POST", path: /\/tickets$/ };
const STATUS = { method: "GET", path: /\/tickets\/[^/]+$/ };

/** Runs one client from join to admission and checks the common promises. */
async function joinToAdmission(h: Harness, eventId = "c55-59", maxMs = 20 * MINUTE) {
  const alerts: string[] = [];
  const { client, views } = h.newClient({ onAdmitted: (v) => alerts.push(v.admission?.token ?? "?") });
  await client.join(eventId);
  const admitted = await h.runUntil(() => client.getView().phase === "admitted", maxMs);
  const ticketIds = new Set(views.map((v) => v.ticketId).filter((id) => id !== null));
  const numbers = new Set(views.map((v) => v.number).filter((n) => n !== null));
  return { client, views, alerts, admitted, ticketIds, numbers };
}

describe("queue through the mock's faults", () => {
  it("a lost join response is retried with the same Idempotency-Key: one ticket", async () => {
    const h = createHarness({ scenario: "calm", seed: 2 });
    h.backend.faults.once(JOIN, { kind: "lost" });
    const run = await joinToAdmission(h);
    expect(run.admitted).toBe(true);
    const joins = h.byRoute("POST join");
    expect(joins.length).toBeGreaterThanOrEqual(2);
    expect(new Set(joins.map((j) => j.idempotencyKey)).size).toBe(1);
    expect(h.backend.inspect().tickets).toBe(1);
    expect(run.ticketIds.size).toBe(1);
    expect(run.alerts).toHaveLength(1);
    expect(expectPolite(h)).toEqual([]);
  });

  it("a join that hangs times out and is retried with the same key: one ticket", async () => {
    const h = createHarness({ scenario: "calm", seed: 3 });
    h.backend.faults.once(JOIN, { kind: "hang" });
    const run = await joinToAdmission(h);
    expect(run.admitted).toBe(true);
    expect(new Set(h.byRoute("POST join").map((j) => j.idempotencyKey)).size).toBe(1);
    expect(h.backend.inspect().tickets).toBe(1);
    expect(expectPolite(h)).toEqual([]);
  });

  it("a 503 storm: every retry waits at least Retry-After, and the place is kept", async () => {
    const h = createHarness({ scenario: "calm", seed: 4 });
    h.backend.faults.configure({
      overloadRate: 0.6,
      rateLimitRate: 0.2,
      retryAfterSeconds: 4,
      retryAfterForm: "mixed",
    });
    const run = await joinToAdmission(h, "c55-59", 30 * MINUTE);
    expect(run.admitted).toBe(true);
    const statuses = h.requests.map((r) => r.status);
    expect(statuses.filter((s) => s === 503 || s === 429).length).toBeGreaterThan(2);
    expect(h.backend.inspect().tickets).toBe(1);
    expect(run.ticketIds.size).toBe(1);
    expect(run.numbers.size).toBe(1);
    expect(run.alerts).toHaveLength(1);
    expect(expectPolite(h)).toEqual([]);
  });

  it("an outage (503 with an HTTP-date Retry-After) is waited out without a burst", async () => {
    const h = createHarness({ scenario: "outage", seed: 5 });
    const run = await joinToAdmission(h, "c55-59", 30 * MINUTE);
    expect(run.admitted).toBe(true);
    const during = h.requests.filter((r) => r.status === 503);
    expect(during.length).toBeGreaterThan(0);
    // The outage ends at +50 s; Retry-After points there. Far fewer than one request per second meanwhile.
    expect(during.length).toBeLessThanOrEqual(5);
    expect(h.backend.inspect().tickets).toBe(1);
    expect(run.ticketIds.size).toBe(1);
    expect(expectPolite(h)).toEqual([]);
  });

  it("bounce: the answer carrying the admission is lost; asking again gets the same admission", async () => {
    const h = createHarness({ scenario: "bounce", seed: 6 });
    const run = await joinToAdmission(h);
    expect(run.admitted).toBe(true);
    const lost = h.byRoute("GET status").filter((r) => r.status === "failed");
    expect(lost.length).toBe(1);
    expect(run.alerts).toHaveLength(1);
    const saved = await h.store.getTicket("c55-59");
    expect(saved?.admission?.token).toBe(run.client.getView().admission?.token);
    expect(h.backend.inspect().tickets).toBe(1);
    expect(expectPolite(h)).toEqual([]);
  });

  it("malformed status answers show invalid_response, retry politely, and never crash", async () => {
    const h = createHarness({ scenario: "calm", seed: 7 });
    h.backend.faults.once(STATUS, { kind: "malformed", shape: "invalid-json" });
    h.backend.faults.once(STATUS, { kind: "malformed", shape: "wrong-shape" });
    h.backend.faults.once(STATUS, { kind: "cut" });
    const run = await joinToAdmission(h);
    expect(run.admitted).toBe(true);
    expect(run.views.some((v) => v.notice?.code === "invalid_response")).toBe(true);
    // Politely: after a broken answer the next try waits at least 10 s.
    const statuses = h.byRoute("GET status");
    const firstBad = statuses.findIndex((r) => r.status === 200 && r.nextAllowedAt === null);
    expect(firstBad).toBeGreaterThanOrEqual(0);
    const bad = statuses[firstBad];
    const after = statuses[firstBad + 1];
    expect(bad?.answeredAt).toEqual(expect.any(Number));
    expect(after?.sentAt).toEqual(expect.any(Number));
    expect((after?.sentAt ?? 0) - (bad?.answeredAt ?? 0)).toBeGreaterThanOrEqual(10_000);
    expect(run.ticketIds.size).toBe(1);
    expect(h.backend.inspect().tickets).toBe(1);
    expect(expectPolite(h)).toEqual([]);
  });

  it("a flaky network (drops, losses, cuts, garbage, 5xx) still ends in one admitted ticket", async () => {
    const h = createHarness({ scenario: "flaky", seed: 8 });
    const run = await joinToAdmission(h, "c55-59", 60 * MINUTE);
    expect(run.admitted).toBe(true);
    expect(h.backend.inspect().tickets).toBe(1);
    expect(run.ticketIds.size).toBe(1);
    expect(run.numbers.size).toBe(1);
    expect(run.alerts).toHaveLength(1);
    expect(expectPolite(h)).toEqual([]);
  });

  it("a device clock five hours off changes nothing: admission counts down in server time", async () => {
    const h = createHarness({ scenario: "calm", seed: 9, skewMs: -5 * 3_600_000 });
    const run = await joinToAdmission(h);
    expect(run.admitted).toBe(true);
    const expiresAt = Date.parse(run.client.getView().admission?.expiresAt ?? "");
    // Still admitted one second before the true expiry...
    await h.clock.advance(expiresAt - h.clock.trueNow() - 1000);
    expect(run.client.getView().phase).toBe("admitted");
    expect(Math.abs(run.client.serverNow() - h.clock.trueNow())).toBeLessThan(1000);
    // ...and expired (confirmed by one read) just after it.
    await h.clock.advance(2000);
    expect(run.client.getView().phase).toBe("expired");
    expect(h.backend.inspect().tickets).toBe(1);
    expect(expectPolite(h)).toEqual([]);
  });
});
