import { describe, expect, it } from "vitest";
import { answerOf, LOG_LIMIT, recordRequests } from "./demo-recorder.ts";
import { createBackend, type MockRequest } from "./model/index.ts";
import { explainRequests } from "./request-reason.ts";

const events: MockRequest = { method: "GET", url: "/api/v1/events?x=1", headers: {}, body: null };

function fakeClock(start = Date.parse("2021-07-19T11:00:00Z")) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe("recordRequests: this page's requests and what they got", () => {
  it("logs each request's time, path (no query), Prefer: wait and answer, and passes the answer on", async () => {
    const clock = fakeClock();
    const backend = createBackend({ scenario: "calm", seed: 1, now: clock.now });
    const { backend: recorded, log } = recordRequests(backend, clock.now);
    let changes = 0;
    const stop = log.subscribe(() => changes++);
    const outcome = await recorded.handle(events);
    expect(outcome.kind).toBe("respond");
    expect(log.entries()).toEqual([
      expect.objectContaining({
        method: "GET",
        path: "/api/v1/events",
        prefer: false,
        outcome: "200",
        answer: { kind: "ok", pollAfterMs: null },
      }),
    ]);
    expect(changes).toBe(2);
    stop();
    await recorded.handle({ ...events, headers: { prefer: "wait=25" } });
    expect(changes).toBe(2);
    expect(log.entries()[1]?.prefer).toBe(true);
  });

  it("an injected 503 is logged with its Retry-After, and the next request reads as 'retry-after'", async () => {
    const clock = fakeClock();
    const backend = createBackend({ scenario: "calm", seed: 1, now: clock.now });
    const { backend: recorded, log } = recordRequests(backend, clock.now);
    backend.faults.once({}, { kind: "status", status: 503, retryAfter: 8 });
    await recorded.handle(events);
    clock.advance(9_000);
    await recorded.handle(events);
    const [first, second] = explainRequests(log.entries());
    expect(first?.outcome).toBe("503");
    expect(first?.answer).toEqual({ kind: "failed", retryAfterMs: 8_000 });
    expect(second).toMatchObject({ reason: "retry-after", gapMs: 9_000, extraMs: 1_000 });
  });

  it("offline: every request fails without reaching the server, until the time is up", async () => {
    const clock = fakeClock();
    const backend = createBackend({ scenario: "calm", seed: 1, now: clock.now });
    const { backend: recorded, log } = recordRequests(backend, clock.now);
    log.goOffline(30_000);
    expect(await recorded.handle(events)).toEqual({ kind: "drop" });
    expect(backend.stats().requests).toBe(0);
    expect(log.entries()[0]?.outcome).toBe("offline");
    clock.advance(30_000);
    expect((await recorded.handle(events)).kind).toBe("respond");
    expect(backend.stats().requests).toBe(1);
  });

  it("keeps the last LOG_LIMIT requests", async () => {
    const clock = fakeClock();
    const { backend: recorded, log } = recordRequests(createBackend({ now: clock.now }), clock.now);
    log.goOffline(60_000);
    for (let i = 0; i < LOG_LIMIT + 5; i++) await recorded.handle(events);
    expect(log.entries()).toHaveLength(LOG_LIMIT);
    expect(log.entries()[0]?.id).toBe(6);
  });
});

describe("answerOf", () => {
  const status = "/api/v1/events/c55-59/tickets/t1";
  const respond = (code: number, body: string | null, headers: Record<string, string> = {}) =>
    ({ kind: "respond", status: code, headers, body }) as const;

  it("reads pollAfterSeconds from a status read", () => {
    expect(answerOf("GET", status, respond(200, '{"pollAfterSeconds":7}'), 0)).toEqual({
      kind: "ok",
      pollAfterMs: 7_000,
    });
  });

  it("counts drops, cuts, 5xx, broken JSON and a status read without its hint as failures", () => {
    const failedPlain = { kind: "failed", retryAfterMs: null };
    expect(answerOf("GET", status, { kind: "drop" }, 0)).toEqual(failedPlain);
    expect(answerOf("GET", status, { kind: "cut", status: 200, headers: {}, partialBody: "{" }, 0)).toEqual(
      failedPlain,
    );
    expect(answerOf("GET", status, respond(500, "{}"), 0)).toEqual(failedPlain);
    expect(answerOf("GET", status, respond(200, "{<html>"), 0)).toEqual(failedPlain);
    expect(answerOf("GET", status, respond(200, '{"result":"ok"}'), 0)).toEqual(failedPlain);
    expect(answerOf("GET", "/api/v1/events", respond(200, "[]"), 0)).toEqual({
      kind: "ok",
      pollAfterMs: null,
    });
  });

  it("a 429 carries its Retry-After; another 4xx is an answer, not a failure to retry", () => {
    expect(answerOf("GET", status, respond(429, "{}", { "retry-after": "3" }), 0)).toEqual({
      kind: "failed",
      retryAfterMs: 3_000,
    });
    expect(answerOf("POST", status, respond(409, "{}"), 0)).toEqual({ kind: "ok", pollAfterMs: null });
  });
});
