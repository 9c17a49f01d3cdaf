import { describe, expect, it } from "vitest";
import { createHarness, expectPolite } from "../support/queue-harness.ts";

const MINUTE = 60_000;
const JOIN = { method: "POST", path: /\/tickets$/ };

describe("queue across reloads (a new client instance on the same store)", () => {
  it("reload mid-join: the pending join is resumed with the same key, never a second ticket", async () => {
    const h = createHarness({ scenario: "calm", seed: 11 });
    // The join is applied on the server but its answer never arrives; the app is killed meanwhile.
    h.backend.faults.once(JOIN, { kind: "lost" });
    const first = h.newClient();
    await first.client.join("c55-59");
    await h.clock.advance(0);
    expect(h.byRoute("POST join")).toHaveLength(1);
    const pending = await h.store.getActiveTicket();
    expect(pending?.ticketId).toBeNull();
    first.client.stop();

    const second = h.newClient();
    await second.client.resume();
    expect(second.client.getView().phase).toBe("joining");
    // The user taps "join" again on the fresh page: still the same logical action.
    await second.client.join("c55-59");
    const admitted = await h.runUntil(() => second.client.getView().phase === "admitted", 20 * MINUTE);
    expect(admitted).toBe(true);
    const keys = new Set(h.byRoute("POST join").map((r) => r.idempotencyKey));
    expect(keys.size).toBe(1);
    expect(h.backend.inspect().tickets).toBe(1);
    expect(expectPolite(h)).toEqual([]);
  });

  it("reload mid-wait: same ticket and number, no new join, no request sooner than allowed", async () => {
    const h = createHarness({ scenario: "outage", seed: 12 });
    const first = h.newClient();
    await first.client.join("c55-59");
    await h.runUntil(() => h.byRoute("GET status").length >= 2, 5 * MINUTE);
    const before = first.client.getView();
    expect(before.phase).toBe("waiting");
    first.client.stop();

    // Reload spam: five page loads in two seconds.
    let last = h.newClient();
    for (let i = 0; i < 5; i++) {
      last.client.stop();
      last = h.newClient();
      await last.client.resume();
      await h.clock.advance(400);
    }
    expect(last.client.getView().ticketId).toBe(before.ticketId);
    expect(last.client.getView().number).toBe(before.number);
    const admitted = await h.runUntil(() => last.client.getView().phase === "admitted", 30 * MINUTE);
    expect(admitted).toBe(true);
    expect(last.client.getView().number).toBe(before.number);
    expect(h.byRoute("POST join")).toHaveLength(1);
    expect(h.backend.inspect().tickets).toBe(1);
    expect(expectPolite(h)).toEqual([]);
  });

  it("reload after admission: the saved admission is shown at once and not announced again", async () => {
    const h = createHarness({ scenario: "calm", seed: 13 });
    const alerts: string[] = [];
    const first = h.newClient({ onAdmitted: (v) => alerts.push(v.admission?.token ?? "") });
    await first.client.join("c55-59");
    await h.runUntil(() => first.client.getView().phase === "admitted", 20 * MINUTE);
    first.client.stop();
    const requestsBefore = h.requests.length;

    const second = h.newClient({ onAdmitted: (v) => alerts.push(v.admission?.token ?? "") });
    await second.client.resume();
    expect(second.client.getView().phase).toBe("admitted");
    expect(second.client.getView().admission?.token).toBe(first.client.getView().admission?.token);
    await h.clock.advance(60_000);
    expect(alerts).toHaveLength(1);
    expect(h.requests.length).toBe(requestsBefore);
    expect(h.governorHolds()).toBe(0);
  });
});

describe("queue when the device clock is changed mid-wait", () => {
  it("the clock set back two hours neither stalls polling nor makes it early", async () => {
    const h = createHarness({ scenario: "outage", seed: 14 });
    // Without held reads (a v1.0 server) every read plans the next one on the device clock, which is
    // what a clock change could stall; a held read would admit this short line on the second read.
    h.backend.faults.configure({ ignoresPrefer: true });
    const { client } = h.newClient();
    await client.join("c55-59");
    await h.runUntil(() => h.byRoute("GET status").length >= 2, 5 * MINUTE);
    h.clock.setSkew(-2 * 3_600_000);
    const before = h.byRoute("GET status").length;
    await h.clock.advance(3 * MINUTE);
    expect(h.byRoute("GET status").length).toBeGreaterThan(before);
    // A reload now (the saved "not before" is two hours ahead of the new device time) still checks soon.
    client.stop();
    const again = h.newClient();
    await again.client.resume();
    const admitted = await h.runUntil(() => again.client.getView().phase === "admitted", 30 * MINUTE);
    expect(admitted).toBe(true);
    expect(h.backend.inspect().tickets).toBe(1);
    expect(expectPolite(h)).toEqual([]);
  });
});
