import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from "../../src/core/net/retry-after.ts";

const serverNow = Date.parse("2021-07-19T11:00:00.000Z");

describe("parseRetryAfter", () => {
  it("reads delta-seconds", () => {
    expect(parseRetryAfter("5", serverNow)).toBe(5000);
    expect(parseRetryAfter(" 120 ", serverNow)).toBe(120_000);
    expect(parseRetryAfter("0", serverNow)).toBe(0);
  });
  it("reads an HTTP-date against the server's clock", () => {
    expect(parseRetryAfter("Mon, 19 Jul 2021 11:00:30 GMT", serverNow)).toBe(30_000);
  });
  it("reads a date in the past as 0", () => {
    expect(parseRetryAfter("Mon, 19 Jul 2021 10:59:00 GMT", serverNow)).toBe(0);
    expect(parseRetryAfter("Thu, 01 Jan 1970 00:00:00 GMT", serverNow)).toBe(0);
  });
  it("returns null for missing or garbage values", () => {
    expect(parseRetryAfter(null, serverNow)).toBeNull();
    expect(parseRetryAfter(undefined, serverNow)).toBeNull();
    expect(parseRetryAfter("", serverNow)).toBeNull();
    expect(parseRetryAfter("soon", serverNow)).toBeNull();
    expect(parseRetryAfter("-3", serverNow)).toBeNull();
    expect(parseRetryAfter("1.5", serverNow)).toBeNull();
  });
});

// Contract v1.1: delta-seconds 0–3600, or a date at most one hour after Date.
describe("parseRetryAfter within the contract's bound", () => {
  it("exports the bound as one hour", () => {
    expect(MAX_RETRY_AFTER_MS).toBe(3_600_000);
  });
  it("keeps the bound itself", () => {
    expect(parseRetryAfter("3600", serverNow)).toBe(3_600_000);
    expect(parseRetryAfter("Mon, 19 Jul 2021 12:00:00 GMT", serverNow)).toBe(3_600_000);
  });
  it("reads delta-seconds past 3600 as 3600 s", () => {
    expect(parseRetryAfter("3601", serverNow)).toBe(3_600_000);
    // 25 days: past the 2^31−1 ms timer limit, which once wrapped into a request storm.
    expect(parseRetryAfter("2160000", serverNow)).toBe(3_600_000);
    // 14 digits: a retry time past the range of a JavaScript date.
    expect(parseRetryAfter("99999999999999", serverNow)).toBe(3_600_000);
    // So many digits that Number() overflows to Infinity.
    expect(parseRetryAfter("9".repeat(400), serverNow)).toBe(3_600_000);
  });
  it("reads an HTTP-date more than an hour after the server's now as 3600 s", () => {
    expect(parseRetryAfter("Mon, 19 Jul 2021 12:00:01 GMT", serverNow)).toBe(3_600_000);
    expect(parseRetryAfter("Fri, 31 Dec 9999 23:59:59 GMT", serverNow)).toBe(3_600_000);
  });
  it("reads a date as garbage when the server's now is unknown", () => {
    expect(parseRetryAfter("Mon, 19 Jul 2021 11:00:30 GMT", Number.NaN)).toBeNull();
    // Delta-seconds need no clock.
    expect(parseRetryAfter("30", Number.NaN)).toBe(30_000);
  });
  it("never returns a value outside [0, 1 h] nor NaN, whatever the header", () => {
    const header = fc.oneof(
      fc.string(),
      fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String),
      fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
    );
    const now = fc.oneof(fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.constant(Number.NaN));
    fc.assert(
      fc.property(header, now, (text, at) => {
        const ms = parseRetryAfter(text, at);
        if (ms === null) return true;
        return Number.isFinite(ms) && ms >= 0 && ms <= MAX_RETRY_AFTER_MS;
      }),
      { numRuns: 2000 },
    );
  });
});
