import { describe, expect, it } from "vitest";
import type { BookingClient } from "../../src/core/booking/types.ts";
import { confirmRequests, createHarness, type Harness, PERSON, toConfirmStep } from "./booking-harness.ts";

const IDENTITY = { method: "POST", path: /\/identity$/ };
const CONFIRM = { method: "POST", path: /\/reservations$/ };

/** Fake-clock times of every request whose method and path match. */
const timesOf = (h: Harness, method: string, suffix: string) =>
  h.requests
    .map((r, i) => ({ r, at: h.requestTimes[i] ?? 0 }))
    .filter(({ r }) => r.method === method && r.url.endsWith(suffix))
    .map(({ at }) => at);

/** Started on a fresh admission, the identity typed in (nothing sent yet). */
async function atIdentity(h: Harness): Promise<BookingClient> {
  const client = h.newClient();
  const { admission, eventId } = await h.admit();
  await h.settle(client.start(admission, eventId));
  client.setIdentity(PERSON);
  await h.idle();
  return client;
}

/** The user taps "verify" every 8 s for `ms` (the chaos harness's user), without waiting for answers. */
async function tapEvery8s(h: Harness, client: BookingClient, ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 8_000) {
    if (!client.getView().busy) void client.submitIdentity();
    await h.advance(8_000);
  }
}

describe("one gate per route: taps, retries and replays share the server's floor", () => {
  it("a tap before an in-bound Retry-After is held, not sent, and the wait is shown", async () => {
    const h = createHarness();
    const client = await atIdentity(h);
    // Past the 45 s burst: the call gives up and the user is free to tap again.
    h.backend.faults.once(IDENTITY, { kind: "status", status: 503, retryAfter: 120 });
    await h.settle(client.submitIdentity());
    const [first] = timesOf(h, "POST", "/identity");
    expect(client.getView().busy).toBeNull();
    // Before the fix the tap started a fresh retry burst and sent at once.
    const tap = client.submitIdentity();
    await h.advance(8_000);
    expect(timesOf(h, "POST", "/identity")).toHaveLength(1);
    expect(client.getView().notice?.retryAt).toBeGreaterThanOrEqual((first ?? 0) + 120_000);
    await h.advance(5 * 60_000);
    await tap;
    const times = timesOf(h, "POST", "/identity");
    expect(times).toHaveLength(2);
    expect((times[1] ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(120_000);
    expect(client.getView().step).toBe("center");
  });

  it("after a broken answer a tap waits out the polite backoff instead of resending at once", async () => {
    const h = createHarness();
    const client = await atIdentity(h);
    for (let i = 0; i < 30; i++) h.backend.faults.once(IDENTITY, { kind: "malformed", shape: "wrong-shape" });
    await h.settle(client.submitIdentity());
    const before = timesOf(h, "POST", "/identity");
    const last = before[before.length - 1] ?? 0;
    expect(client.getView().busy).toBeNull();
    // Before the fix this tap went out 0 ms after the last broken answer.
    void client.submitIdentity();
    await h.advance(5 * 60_000);
    const after = timesOf(h, "POST", "/identity");
    expect(after.length).toBeGreaterThan(before.length);
    // POLITE_BACKOFF starts at 10 s: nothing sooner.
    expect((after[before.length] ?? 0) - last).toBeGreaterThanOrEqual(10_000);
  });

  it("during an outage a tap every 8 s does not restart the backoff: at most 12 requests a minute", async () => {
    const h = createHarness();
    const client = await atIdentity(h);
    h.backend.faults.configure({ dropRate: 1 });
    await tapEvery8s(h, client, 5 * 60_000);
    const times = timesOf(h, "POST", "/identity");
    expect(times.length).toBeGreaterThan(3);
    // Before the fix each tap began a new burst at 2–6 s: 13 requests within a minute.
    for (let i = 12; i < times.length; i++)
      expect((times[i] ?? 0) - (times[i - 12] ?? 0)).toBeGreaterThanOrEqual(60_000);
    // The backoff grows across taps: the last gaps are far longer than the first retry.
    expect((times[times.length - 1] ?? 0) - (times[times.length - 2] ?? 0)).toBeGreaterThan(6_000);
  });

  it("a new admission on a reloaded page still honours the Retry-After the last booking was given", async () => {
    const h = createHarness();
    const client = await atIdentity(h);
    h.backend.faults.once(IDENTITY, { kind: "status", status: 503, retryAfter: 900 });
    await h.settle(client.submitIdentity());
    const [first] = timesOf(h, "POST", "/identity");
    expect(client.getView().busy).toBeNull();
    // The page is reloaded and the person comes back with another admission (a new draft).
    const fresh = h.newClient();
    const { admission, eventId } = await h.admit();
    await h.settle(fresh.start(admission, eventId));
    fresh.setIdentity(PERSON);
    void fresh.submitIdentity();
    await h.advance(60_000);
    // Before the fix the new draft started with open gates and sent at once.
    expect(timesOf(h, "POST", "/identity")).toHaveLength(1);
    await h.advance(15 * 60_000);
    const times = timesOf(h, "POST", "/identity");
    expect(times).toHaveLength(2);
    expect((times[1] ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(900_000);
  });

  it("a reload honours the confirm's Retry-After saved with the draft (same key)", async () => {
    const h = createHarness();
    const client = h.newClient();
    await toConfirmStep(h, client);
    h.backend.faults.once(CONFIRM, { kind: "status", status: 503, retryAfter: 180 });
    void client.confirm();
    await h.advance(60_000);
    const [first] = timesOf(h, "POST", "/reservations");
    expect(confirmRequests(h)).toHaveLength(1);
    await h.idle();
    client.stop();
    // The reload: a new client on the same store resumes the saved confirm.
    const reloaded = h.newClient();
    const resuming = reloaded.resume();
    await h.advance(60_000);
    // Before the fix the reload replayed the saved key at once.
    expect(confirmRequests(h)).toHaveLength(1);
    await h.advance(5 * 60_000);
    await resuming;
    const times = timesOf(h, "POST", "/reservations");
    expect(times).toHaveLength(2);
    expect((times[1] ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(180_000);
    expect(new Set(confirmRequests(h).map((r) => r.key)).size).toBe(1);
    expect(reloaded.getView().step).toBe("done");
  });
});
