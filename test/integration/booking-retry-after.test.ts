import { describe, expect, it } from "vitest";
import { confirmRequests, createHarness, type Harness, toConfirmStep } from "./booking-harness.ts";

const CONFIRM = { method: "POST", path: /\/reservations$/ };

/** Fake-clock times of every confirm POST, in order. */
const confirmTimes = (h: Harness) =>
  h.requests
    .map((r, i) => ({ r, at: h.requestTimes[i] ?? 0 }))
    .filter(({ r }) => r.method === "POST" && r.url.endsWith("/reservations"))
    .map(({ at }) => at);

describe("confirm under a long Retry-After", () => {
  it("503 Retry-After: 60 then success: no POST sooner than 60 s, one key, one reservation", async () => {
    const h = createHarness();
    const client = h.newClient();
    await toConfirmStep(h, client);
    h.backend.faults.once(CONFIRM, { kind: "status", status: 503, retryAfter: 60 });
    const confirming = client.confirm();
    await h.advance(59_000);
    // Before the fix, withRetry gave up on the 60 s and the replay went after a fixed 10 s.
    expect(confirmTimes(h)).toHaveLength(1);
    await h.advance(3 * 60_000);
    await confirming;
    const times = confirmTimes(h);
    expect(times).toHaveLength(2);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(60_000);
    expect(client.getView().step).toBe("done");
    expect(new Set(confirmRequests(h).map((r) => r.key)).size).toBe(1);
    expect(h.backend.inspect().activeReservations).toBe(1);
  });

  it("spreads the replay after Retry-After with jitter (two seeds, two moments)", async () => {
    const gaps: number[] = [];
    for (const seed of [1, 2, 3]) {
      const h = createHarness({ seed });
      const client = h.newClient();
      await toConfirmStep(h, client);
      h.backend.faults.once(CONFIRM, { kind: "status", status: 503, retryAfter: 60 });
      const confirming = client.confirm();
      await h.advance(3 * 60_000);
      await confirming;
      const times = confirmTimes(h);
      expect(times).toHaveLength(2);
      gaps.push((times[1] ?? 0) - (times[0] ?? 0));
    }
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(60_000);
    // A fixed replay delay would give three equal gaps.
    expect(new Set(gaps.map((g) => Math.round(g / 1000))).size).toBeGreaterThan(1);
  });

  it("a replay of a lost answer is jittered, not a fixed 10 s", async () => {
    const gaps: number[] = [];
    for (const seed of [1, 2, 3]) {
      const h = createHarness({ seed });
      const client = h.newClient();
      await toConfirmStep(h, client);
      h.backend.faults.configure({ dropRate: 1 });
      const confirming = client.confirm();
      // Past the 45 s burst of withRetry: the replays that follow are the confirm part's own.
      await h.advance(4 * 60_000);
      h.backend.faults.clear();
      await h.advance(60_000);
      await confirming;
      const times = confirmTimes(h);
      for (let i = 1; i < times.length; i++) gaps.push((times[i] ?? 0) - (times[i - 1] ?? 0));
      expect(client.getView().step).toBe("done");
      expect(new Set(confirmRequests(h).map((r) => r.key)).size).toBe(1);
    }
    // A fixed replay delay shows up as one gap value repeated at every replay.
    const counts = new Map<number, number>();
    for (const gap of gaps.filter((g) => g >= 5_000)) counts.set(gap, (counts.get(gap) ?? 0) + 1);
    expect(counts.size).toBeGreaterThan(10);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
  });

  it("coming back online or tapping again does not send before Retry-After", async () => {
    const h = createHarness();
    const client = h.newClient();
    await toConfirmStep(h, client);
    h.backend.faults.once(CONFIRM, { kind: "status", status: 503, retryAfter: 120 });
    const confirming = client.confirm();
    await h.advance(5_000);
    client.setOnline(false);
    client.setOnline(true);
    await h.advance(1_000);
    void client.confirm();
    await h.advance(100_000);
    expect(confirmTimes(h)).toHaveLength(1);
    await h.advance(5 * 60_000);
    await confirming;
    expect(client.getView().step).toBe("done");
    const times = confirmTimes(h);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(120_000);
    expect(h.backend.inspect().activeReservations).toBe(1);
  });

  it("tells the user when the server's wait outlasts the window, keeps the choices, and POSTs no sooner", async () => {
    const h = createHarness();
    const client = h.newClient();
    const chosen = await toConfirmStep(h, client);
    const windowLeft = (chosen.expiresAt ?? 0) - h.clock.trueNow();
    const retryAfter = Math.ceil(windowLeft / 1000) + 120;
    h.backend.faults.once(CONFIRM, { kind: "status", status: 503, retryAfter });
    const confirming = client.confirm();
    await h.advance(1_000);
    const view = client.getView();
    expect(view.notice?.code).toBe("retry_after_window");
    expect(view.notice?.retryAt ?? 0).toBeGreaterThanOrEqual(h.clock.trueNow() + (retryAfter - 2) * 1000);
    expect(view).toMatchObject({ centerId: chosen.centerId, date: chosen.date, time: chosen.time });
    expect((await h.store.getDraft())?.centerId).toBe(chosen.centerId);
    // The window ends meanwhile: still nothing sent before the server allows it.
    await h.advance((retryAfter - 2) * 1000);
    expect(confirmTimes(h)).toHaveLength(1);
    await h.advance(5 * 60_000);
    await confirming;
    const times = confirmTimes(h);
    expect(times.length).toBeGreaterThanOrEqual(2);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(retryAfter * 1000);
    expect(new Set(confirmRequests(h).map((r) => r.key)).size).toBe(1);
    expect(h.backend.inspect().activeReservations).toBeLessThanOrEqual(1);
  });
});
