import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "../../src/core/net/retry-after.ts";

const serverNow = Date.parse("2021-07-19T11:00:00.000Z");

describe("parseRetryAfter", () => {
  it("reads delta-seconds", () => {
    expect(parseRetryAfter("5", serverNow)).toBe(5000);
    expect(parseRetryAfter(" 120 ", serverNow)).toBe(120_000);
  });
  it("reads an HTTP-date against the server's clock", () => {
    expect(parseRetryAfter("Mon, 19 Jul 2021 11:00:30 GMT", serverNow)).toBe(30_000);
    expect(parseRetryAfter("Mon, 19 Jul 2021 10:59:00 GMT", serverNow)).toBe(0);
  });
  it("returns null for missing or garbage values", () => {
    expect(parseRetryAfter(null, serverNow)).toBeNull();
    expect(parseRetryAfter("soon", serverNow)).toBeNull();
    expect(parseRetryAfter("-3", serverNow)).toBeNull();
  });
});
