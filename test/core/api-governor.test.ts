import { describe, expect, it } from "vitest";
import { createApiClient } from "../../src/core/api/client.ts";
import type { FetchLike } from "../../src/core/api/fetch-like.ts";
import { createGovernor, GOVERNOR_BURST, GOVERNOR_REFILL_MS } from "../../src/core/api/governor.ts";
import { ApiError } from "../../src/core/api/types.ts";
import { createFakeClock } from "../support/fake-clock.ts";

const START = Date.UTC(2021, 6, 19, 11, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A fetch answering every events list at once, recording when each request went out (true time). */
function countingFetch(clock: ReturnType<typeof createFakeClock>) {
  const sentAt: number[] = [];
  const fetch: FetchLike = async () => {
    sentAt.push(clock.trueNow());
    return new Response(JSON.stringify({ events: [], serverTime: new Date(clock.trueNow()).toISOString() }), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  };
  return { fetch, sentAt };
}

describe("the request governor under the api client", () => {
  it("holds a runaway loop of 100 calls to the budget, counting every hold", async () => {
    const clock = createFakeClock(START);
    const { fetch, sentAt } = countingFetch(clock);
    const held: string[] = [];
    const api = createApiClient({ fetch, clock, onGovernorHold: (key) => held.push(key) });
    // A bug: 100 calls at once, none awaited before the next.
    const calls = Array.from({ length: 100 }, () => api.listEvents());
    await clock.advance(0);
    expect(sentAt).toHaveLength(GOVERNOR_BURST);
    await clock.advance(MINUTE);
    // Per simulated minute: the burst, then one per refill.
    expect(sentAt.length).toBeLessThanOrEqual(GOVERNOR_BURST + MINUTE / GOVERNOR_REFILL_MS);
    expect(sentAt.length).toBeGreaterThanOrEqual(MINUTE / GOVERNOR_REFILL_MS);
    await clock.advance(10 * MINUTE);
    await Promise.all(calls);
    expect(sentAt).toHaveLength(100);
    expect(api.governorHolds()).toBe(100 - GOVERNOR_BURST);
    expect(held).toHaveLength(100 - GOVERNOR_BURST);
    expect(new Set(held)).toEqual(new Set(["GET /events"]));
    // Never two requests closer than the refill once the burst is spent.
    for (let i = GOVERNOR_BURST + 1; i < sentAt.length; i++) {
      expect((sentAt[i] ?? 0) - (sentAt[i - 1] ?? 0)).toBeGreaterThanOrEqual(GOVERNOR_REFILL_MS);
    }
  });

  it("a tight sequential loop (each call awaited) is held too, and a polite caller never is", async () => {
    const clock = createFakeClock(START);
    const { fetch, sentAt } = countingFetch(clock);
    const api = createApiClient({ fetch, clock });
    let stop = false;
    const loop = (async () => {
      while (!stop) await api.listEvents();
    })();
    await clock.advance(MINUTE);
    stop = true;
    await clock.advance(GOVERNOR_REFILL_MS);
    await loop;
    expect(sentAt.length).toBeLessThanOrEqual(GOVERNOR_BURST + MINUTE / GOVERNOR_REFILL_MS + 1);
    expect(api.governorHolds()).toBeGreaterThan(0);

    const politeClock = createFakeClock(START);
    const polite = countingFetch(politeClock);
    const politeApi = createApiClient({ fetch: polite.fetch, clock: politeClock });
    for (let i = 0; i < 60; i++) {
      await politeApi.listEvents();
      await politeClock.advance(GOVERNOR_REFILL_MS);
    }
    expect(polite.sentAt).toHaveLength(60);
    expect(politeApi.governorHolds()).toBe(0);
  });

  it("keys on method and path without the query: other endpoints are not held", async () => {
    const clock = createFakeClock(START);
    const governor = createGovernor(clock, { burst: 1, refillMs: 10_000 });
    await governor.admit("GET /centers");
    const second = governor.admit("GET /centers");
    let admitted = false;
    void second.then(() => {
      admitted = true;
    });
    await governor.admit("GET /regions");
    await clock.advance(9_999);
    expect(admitted).toBe(false);
    await clock.advance(1);
    expect(admitted).toBe(true);
    expect(governor.holds()).toBe(1);
  });

  it("a held call is abortable by its signal, and gives its place back", async () => {
    const clock = createFakeClock(START);
    const { fetch, sentAt } = countingFetch(clock);
    const api = createApiClient({ fetch, clock, governor: { burst: 1, refillMs: HOUR } });
    await api.listEvents();
    const controller = new AbortController();
    const held = api.listEvents({ signal: controller.signal });
    const outcome = held.then(
      () => "sent",
      (error: unknown) => (error instanceof ApiError ? error.failure.kind : "other"),
    );
    await clock.advance(MINUTE);
    controller.abort();
    expect(await outcome).toBe("aborted");
    expect(sentAt).toHaveLength(1);
    // The aborted call's reserved token went back: the next call waits one refill, not two.
    const next = api.listEvents();
    await clock.advance(HOUR - MINUTE);
    await next;
    expect(sentAt).toHaveLength(2);
  });

  it("a device clock change neither refills nor drains the budget (monotonic time)", async () => {
    const clock = createFakeClock(START);
    const governor = createGovernor(clock, { burst: 1, refillMs: 10_000 });
    await governor.admit("GET /events");
    clock.setSkew(24 * HOUR);
    let admitted = false;
    void governor.admit("GET /events").then(() => {
      admitted = true;
    });
    await clock.advance(0);
    expect(admitted).toBe(false);
    await clock.advance(10_000);
    expect(admitted).toBe(true);
  });
});
