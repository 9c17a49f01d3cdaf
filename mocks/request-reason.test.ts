import { describe, expect, it } from "vitest";
import { explainRequests, retryAfterMs, type SeenAnswer, type SeenRequest } from "./request-reason.ts";

const STATUS = "/api/v1/events/c55-59/tickets/t1";
let id = 0;
function req(at: number, answer: SeenAnswer | null, extra: Partial<SeenRequest> = {}): SeenRequest {
  return {
    id: ++id,
    at,
    method: "GET",
    path: STATUS,
    prefer: false,
    answer,
    answeredAt: answer ? at + 100 : null,
    ...extra,
  };
}
const ok = (pollAfterSeconds: number | null): SeenAnswer => ({
  kind: "ok",
  pollAfterMs: pollAfterSeconds === null ? null : pollAfterSeconds * 1000,
});
const failed = (retryAfterSeconds: number | null): SeenAnswer => ({
  kind: "failed",
  retryAfterMs: retryAfterSeconds === null ? null : retryAfterSeconds * 1000,
});

describe("explainRequests: why each request went out when it did", () => {
  it("the first request to a resource is 'first'; the gap counts from the previous request of any kind", () => {
    const out = explainRequests([req(1_000, ok(null), { path: "/api/v1/events" }), req(3_500, ok(5))]);
    expect(out.map((r) => [r.reason, r.gapMs])).toEqual([
      ["first", 0],
      ["first", 2_500],
    ]);
  });

  it("after an answer with pollAfterSeconds: 'server hint' and the jitter on top of it", () => {
    const [, second] = explainRequests([req(0, ok(5)), req(5_800, ok(5))]);
    expect(second).toMatchObject({ reason: "server-hint", gapMs: 5_800, askedMs: 5_000, extraMs: 800 });
  });

  it("sooner than the hint is 'early', not a hint", () => {
    const [, second] = explainRequests([req(0, ok(5)), req(3_000, ok(5))]);
    expect(second?.reason).toBe("early");
    expect(second?.extraMs).toBe(-2_000);
  });

  it("after a 429/503 with Retry-After, waited at least that long: 'Retry-After' plus the spread", () => {
    const [, second] = explainRequests([req(0, failed(8)), req(12_000, ok(5))]);
    expect(second).toMatchObject({ reason: "retry-after", askedMs: 8_000, extraMs: 4_000 });
  });

  it("a retry sooner than Retry-After (beyond the rounding of an HTTP-date) is 'early'", () => {
    const out = explainRequests([
      req(0, failed(8)),
      req(7_500, null),
      req(20_000, failed(8)),
      req(24_000, null),
    ]);
    expect(out[1]?.reason).toBe("retry-after");
    expect(out[3]?.reason).toBe("early");
  });

  it("after a failure without Retry-After (drop, 500, broken body): 'backoff' for the whole gap", () => {
    const [, second] = explainRequests([req(0, failed(null)), req(3_300, ok(5))]);
    expect(second).toMatchObject({ reason: "backoff", askedMs: null, extraMs: 3_300 });
  });

  it("a failure outranks Prefer: wait and a user action: the timing is the retry's", () => {
    const join = { method: "POST", path: "/api/v1/events/c55-59/tickets" };
    const out = explainRequests([
      req(0, failed(null), { prefer: true }),
      req(4_000, ok(0), { prefer: true }),
      req(10_000, failed(30), join),
      req(45_000, ok(null), join),
    ]);
    expect(out.map((r) => r.reason)).toEqual(["held-read", "backoff", "user", "retry-after"]);
  });

  it("Prefer: wait is a held read; a change (POST, DELETE) with nothing failed before is the user's", () => {
    const out = explainRequests([
      req(0, ok(0), { prefer: true }),
      req(12_000, ok(0), { prefer: true }),
      req(13_000, ok(null), { method: "DELETE" }),
    ]);
    expect(out.map((r) => r.reason)).toEqual(["held-read", "held-read", "user"]);
  });

  it("an answer the client did not have yet explains nothing", () => {
    const first = { ...req(0, failed(null)), answeredAt: 9_000 };
    const [, second] = explainRequests([first, req(5_000, ok(5))]);
    expect(second?.reason).toBe("screen");
  });

  it("a read again after an answer without a hint is the screen's", () => {
    const events = { path: "/api/v1/events" };
    const [, second] = explainRequests([req(0, ok(null), events), req(30_000, ok(null), events)]);
    expect(second).toMatchObject({ reason: "screen", gapMs: 30_000 });
  });

  it("gaps are per resource: another path in between does not shorten them", () => {
    const out = explainRequests([
      req(0, ok(10)),
      req(2_000, ok(null), { path: "/api/v1/events" }),
      req(11_000, ok(10)),
    ]);
    expect(out[2]).toMatchObject({ gapMs: 11_000, reason: "server-hint", extraMs: 1_000 });
  });
});

describe("retryAfterMs", () => {
  it("reads delta-seconds and HTTP-dates (against the answer's Date)", () => {
    expect(retryAfterMs("8", undefined, 0)).toBe(8_000);
    expect(retryAfterMs("Wed, 21 Jul 2021 11:00:30 GMT", "Wed, 21 Jul 2021 11:00:00 GMT", 0)).toBe(30_000);
    const now = Date.parse("Wed, 21 Jul 2021 11:00:10 GMT");
    expect(retryAfterMs("Wed, 21 Jul 2021 11:00:30 GMT", undefined, now)).toBe(20_000);
  });

  it("is null when absent or unreadable, and never negative", () => {
    expect(retryAfterMs(undefined, undefined, 0)).toBeNull();
    expect(retryAfterMs("soon", undefined, 0)).toBeNull();
    expect(retryAfterMs("Wed, 21 Jul 2021 11:00:00 GMT", "Wed, 21 Jul 2021 11:01:00 GMT", 0)).toBe(0);
  });
});
