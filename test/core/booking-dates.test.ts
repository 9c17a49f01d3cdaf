import { describe, expect, it } from "vitest";
import { filterCenters } from "../../src/core/booking/center-search.ts";
import { admissionCountdown, formatCountdown } from "../../src/core/booking/countdown.ts";
import { addDays, expectedSecondDose, seoulDate, seoulEpoch } from "../../src/core/booking/dates.ts";

describe("booking dates", () => {
  it("expects the mRNA second dose 42 days after the first, across months", () => {
    expect(expectedSecondDose({ date: "2021-07-26", time: "09:30" })).toEqual({
      date: "2021-09-06",
      time: "09:30",
    });
    expect(addDays("2021-12-31", 1)).toBe("2022-01-01");
  });

  it("reads dates and times in Asia/Seoul", () => {
    // 2021-07-19 15:30 UTC is already the 20th in Seoul.
    expect(seoulDate(Date.UTC(2021, 6, 19, 15, 30))).toBe("2021-07-20");
    expect(seoulEpoch("2021-07-26", "09:30")).toBe(Date.UTC(2021, 6, 26, 0, 30));
  });
});

describe("admission countdown", () => {
  const expiresAt = 1_000_000;
  it("warns from two minutes left and ends at zero", () => {
    expect(admissionCountdown(expiresAt, expiresAt - 121_000)).toEqual({
      secondsLeft: 121,
      warning: false,
      expired: false,
    });
    expect(admissionCountdown(expiresAt, expiresAt - 120_000)).toEqual({
      secondsLeft: 120,
      warning: true,
      expired: false,
    });
    expect(admissionCountdown(expiresAt, expiresAt + 5)).toEqual({
      secondsLeft: 0,
      warning: false,
      expired: true,
    });
  });
  it("formats minutes and seconds", () => {
    expect(formatCountdown(545)).toBe("9:05");
    expect(formatCountdown(0)).toBe("0:00");
  });
});

describe("center search", () => {
  const centers = [
    {
      id: "a",
      region: "11",
      name: { ko: "중구 보건소", en: "Jung-gu Health Center" },
      address: { ko: "서울특별시 중구 세종대로 110", en: "Seoul" },
    },
    {
      id: "b",
      region: "11",
      name: { ko: "강남구 예방접종센터", en: "Gangnam Center" },
      address: { ko: "서울특별시 강남구 학동로 426", en: "Seoul" },
    },
  ];
  it("matches name or address in either language, ignoring case and spaces", () => {
    expect(filterCenters(centers, "중 구").map((c) => c.id)).toEqual(["a"]);
    expect(filterCenters(centers, "gangnam").map((c) => c.id)).toEqual(["b"]);
    expect(filterCenters(centers, "학동로").map((c) => c.id)).toEqual(["b"]);
    expect(filterCenters(centers, "")).toHaveLength(2);
    expect(filterCenters(centers, "부산")).toEqual([]);
  });
});
