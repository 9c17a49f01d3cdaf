import { describe, expect, it } from "vitest";
import { matchCohort, parseBirthYear } from "../../src/core/booking/cohort.ts";
import type { BookingEvent } from "../../src/core/contract/types.ts";

function event(
  id: string,
  from: number,
  to: number,
  status: BookingEvent["status"],
  opensAt: string,
): BookingEvent {
  return {
    id,
    name: { ko: id, en: id },
    opensAt,
    closesAt: "2021-08-30T18:00:00+09:00",
    prequeueOpensAt: null,
    cohort: { birthYearFrom: from, birthYearTo: to },
    status,
  };
}

const events = [
  event("c55-59", 1962, 1966, "closed", "2021-07-12T20:00:00+09:00"),
  event("c50-54", 1967, 1971, "open", "2021-07-19T20:00:00+09:00"),
  event("c18-49", 1972, 2003, "upcoming", "2021-08-09T20:00:00+09:00"),
];

describe("birth-year cohort helper", () => {
  it("steers a birth year to the event for its cohort", () => {
    expect(matchCohort(events, 1969)).toMatchObject({ kind: "match", eventId: "c50-54" });
    expect(matchCohort(events, 1967)).toMatchObject({ kind: "match", eventId: "c50-54" });
    expect(matchCohort(events, 1971)).toMatchObject({ kind: "match", eventId: "c50-54" });
    expect(matchCohort(events, 1980)).toMatchObject({ kind: "match", eventId: "c18-49" });
  });

  it("warns when no joinable event covers the year (closed events do not count)", () => {
    expect(matchCohort(events, 1964)).toEqual({ kind: "not_in_any_cohort", birthYear: 1964 });
    expect(matchCohort(events, 1940)).toEqual({ kind: "not_in_any_cohort", birthYear: 1940 });
    expect(matchCohort([], 1969)).toEqual({ kind: "not_in_any_cohort", birthYear: 1969 });
  });

  it("prefers the event one can join soonest when cohorts overlap", () => {
    const overlapping = [
      event("later", 1960, 1975, "upcoming", "2021-08-01T20:00:00+09:00"),
      event("sooner", 1960, 1975, "upcoming", "2021-07-20T20:00:00+09:00"),
      event("prequeue", 1960, 1975, "prequeue", "2021-07-25T20:00:00+09:00"),
    ];
    expect(matchCohort(overlapping, 1969)).toMatchObject({ eventId: "prequeue" });
    expect(matchCohort(overlapping.slice(0, 2), 1969)).toMatchObject({ eventId: "sooner" });
  });

  it("parses only four-digit plausible years", () => {
    expect(parseBirthYear(" 1969 ")).toBe(1969);
    expect(parseBirthYear("69")).toBeNull();
    expect(parseBirthYear("1969년")).toBeNull();
    expect(parseBirthYear("0999")).toBeNull();
    expect(matchCohort(events, parseBirthYear("abc"))).toEqual({ kind: "invalid_year" });
  });
});
