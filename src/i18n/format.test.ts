import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatTime } from "./format.ts";

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
});
