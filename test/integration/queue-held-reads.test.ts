import { describe, expect, it } from "vitest";
import type { QueueView } from "../../src/core/queue/types.ts";
import { createHarness, expectPolite, type Harness } from "../support/queue-harness.ts";

const EVENT = "c55-59";
const MINUTE = 60_000;
const WINDOW_MS = 10 * MINUTE;

/** Joins the ~25-minute opening-surge line and records when (true time) each view arrived. */
async function waitToAdmission(
  h: Harness,
  setup?: (client: ReturnType<Harness["newClient"]>["client"]) => void,
) {
  const { client } = h.newClient();
  const seen: Array<{ at: number; view: QueueView }> = [];
  client.subscribe((view) => seen.push({ at: h.clock.trueNow(), view }));
  setup?.(client);
  await client.join(EVENT);
  const admitted = await h.runUntil(() => client.getView().phase === "admitted", 60 * MINUTE);
  expect(admitted).toBe(true);
  const first = seen.find((s) => s.view.phase === "admitted");
  const expiresAt = Date.parse(first?.view.admission?.expiresAt ?? "");
  // The model admits at expiresAt − the 10-minute window (server time; the fake clock has no skew here).
  const admittedAt = expiresAt - WINDOW_MS;
  return { client, noticedAfterMs: (first?.at ?? Number.NaN) - admittedAt, admittedAt };
}

describe("held status reads near the front (Prefer: wait, contract v1.1)", () => {
  it("a server that holds reads shows the admission within a second, for about two reads a minute", async () => {
    const h = createHarness({ scenario: "opening-surge", seed: 3 });
    const { noticedAfterMs, admittedAt } = await waitToAdmission(h);
    expect(noticedAfterMs).toBeGreaterThanOrEqual(0);
    expect(noticedAfterMs).toBeLessThan(1000);
    const reads = h.byRoute("GET status");
    const held = reads.filter((r) => r.prefer === "wait=25");
    expect(held.length).toBeGreaterThan(0);
    // Far from the front no read asks to be held (an ordinary timeout applies there).
    expect(reads[0]?.prefer).toBeNull();
    const lastMinute = reads.filter((r) => r.sentAt >= admittedAt - MINUTE && r.sentAt <= admittedAt);
    expect(lastMinute.length).toBeLessThanOrEqual(4);
    expect(expectPolite(h)).toEqual([]);
  });

  it("against a server that ignores Prefer, polls as without it and still sees the turn", async () => {
    const holding = createHarness({ scenario: "opening-surge", seed: 3 });
    await waitToAdmission(holding);
    const h = createHarness({ scenario: "opening-surge", seed: 3 });
    h.backend.faults.configure({ ignoresPrefer: true });
    const { noticedAfterMs } = await waitToAdmission(h);
    // Polling: noticed at the next scheduled read, not at once.
    expect(noticedAfterMs).toBeGreaterThan(1000);
    expect(noticedAfterMs).toBeLessThan(2 * MINUTE);
    const reads = h.byRoute("GET status");
    for (let i = 1; i < reads.length; i++)
      expect((reads[i]?.sentAt ?? 0) - (reads[i - 1]?.sentAt ?? 0)).toBeGreaterThanOrEqual(2000);
    expect(expectPolite(h)).toEqual([]);
  });
});

describe("push and page lifecycle in the queue client", () => {
  it("near the front, a hidden page with push on leaves the waking to the push: one safety-net read in five minutes", async () => {
    const h = createHarness({ scenario: "opening-surge", seed: 4 });
    // Without held reads, so that only push decides the pace.
    h.backend.faults.configure({ ignoresPrefer: true });
    const { client } = h.newClient();
    await client.join(EVENT);
    // Near the front, where a hidden page without push reads every 30–36 s.
    await h.runUntil(() => (client.getView().etaSeconds ?? Number.POSITIVE_INFINITY) <= 300, 60 * MINUTE);
    client.setVisible(false);
    client.setPush(true);
    const from = h.clock.trueNow();
    await h.clock.advance(4 * MINUTE);
    const hiddenReads = h.byRoute("GET status").filter((r) => r.sentAt > from);
    expect(hiddenReads.length).toBeLessThanOrEqual(1);
    client.setPush(false);
    const without = h.clock.trueNow();
    await h.clock.advance(5_000);
    // Push gone: the page does not sleep on the push-paced plan; it re-checks within seconds.
    expect(h.byRoute("GET status").filter((r) => r.sentAt > without).length).toBe(1);
    expect(expectPolite(h)).toEqual([]);
  });

  it("a frozen page sends nothing, and re-checks once, spread, when it thaws", async () => {
    const h = createHarness({ scenario: "opening-surge", seed: 5 });
    const { client } = h.newClient();
    await client.join(EVENT);
    await h.runUntil(() => h.byRoute("GET status").length >= 1, MINUTE);
    client.setFrozen(true);
    const frozenAt = h.clock.trueNow();
    await h.clock.advance(10 * MINUTE);
    expect(h.requests.filter((r) => r.sentAt > frozenAt)).toEqual([]);
    client.setFrozen(false);
    const thawedAt = h.clock.trueNow();
    await h.clock.advance(3_000);
    const after = h.requests.filter((r) => r.sentAt >= thawedAt);
    expect(after.map((r) => r.route)).toEqual(["GET status"]);
    expect(expectPolite(h)).toEqual([]);
  });
});
