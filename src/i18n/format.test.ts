import { describe, expect, it } from "vitest";
import { formatDateTime, NO_TIME } from "./format.ts";
import { formatDate, formatTime } from "./format-time.ts";

// 20:00 in Seoul is 11:00 UTC: whatever zone the machine runs in, Seoul time is shown.
const opening = "2021-07-19T11:00:00Z";

describe("Seoul time formatting", () => {
  it("shows date and time in Asia/Seoul, in Korean and English", () => {
    // The day-period word ("오후" or "PM") depends on the ICU data of the runtime.
    expect(formatDateTime("ko", opening)).toMatch(/7월 19일.* 8:00$/);
    expect(formatDateTime("en", opening)).toMatch(/19 Jul.*20:00/);
    expect(formatDateTime("en", Date.parse(opening))).toBe(formatDateTime("en", opening));
  });

  it("shows seconds for clock times", () => {
    expect(formatTime("en", "2021-07-19T11:00:05Z")).toBe("20:00:05");
  });

  it("keeps a calendar date's day, even across the date line", () => {
    expect(formatDate("ko", "2021-07-26")).toMatch(/2021년 7월 26일/);
    expect(formatDate("en", "2021-07-26")).toMatch(/26 July 2021/);
  });

  // A 14-digit Retry-After puts retryAt past the last JavaScript date: Intl threw RangeError and the
  // waiting room went blank.
  it.each([
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["-Infinity", Number.NEGATIVE_INFINITY],
    ["past the last date", 8.64e15 + 1],
    ["a 14-digit Retry-After from now", Date.parse(opening) + 99_999_999_999_999 * 1000],
    ["garbage text", "not a date"],
  ])("never throws for %s: shows a placeholder", (_name, at) => {
    for (const lang of ["ko", "en"] as const) {
      expect(formatDateTime(lang, at)).toBe(NO_TIME);
      expect(formatTime(lang, at)).toBe(NO_TIME);
    }
  });

  it.each(["2021-02-30x", "", "99999-01-01", "garbage"])("never throws for the calendar date %j", (date) => {
    expect(formatDate("ko", date)).toBe(NO_TIME);
    expect(formatDate("en", date)).toBe(NO_TIME);
  });

  it("still formats the last moment a date can hold", () => {
    expect(formatTime("en", 8.64e15)).not.toBe(NO_TIME);
  });
});

describe("plural placeholders", () => {
  it("choose a form by the rules given, else 'other', and leave unknown names alone", async () => {
    const { interpolate } = await import("./core.ts");
    const rules = new Intl.PluralRules("en");
    const pick = (n: number) => rules.select(n);
    const template = "{n} {n#one:person|other:people}";
    expect(interpolate(template, { n: 1 }, pick)).toBe("1 person");
    expect(interpolate(template, { n: 2 }, pick)).toBe("2 people");
    expect(interpolate(template, { n: 1 })).toBe("1 people");
    expect(interpolate(template, { m: 1 }, pick)).toBe("{n} {n#one:person|other:people}");
  });
});
