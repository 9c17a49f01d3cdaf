import type { BookingEvent } from "../contract/types.ts";

/** Result of matching a birth year to the events' cohorts, before joining any line. */
export type CohortMatch =
  | { kind: "match"; eventId: string; event: BookingEvent }
  /** No event (not closed) covers this birth year: warn before the user waits in the wrong line. */
  | { kind: "not_in_any_cohort"; birthYear: number }
  | { kind: "invalid_year" };

const STATUS_RANK: Record<BookingEvent["status"], number> = { open: 0, prequeue: 1, upcoming: 2, closed: 3 };

/** Parses a typed birth year ("1969", " 1969 "); null when it is not a plausible four-digit year. */
export function parseBirthYear(raw: string): number | null {
  const text = raw.trim();
  if (!/^\d{4}$/.test(text)) return null;
  const year = Number(text);
  return year >= 1900 && year <= 2030 ? year : null;
}

/** Whether a person born in `birthYear` belongs in this event's line. */
export function inCohort(event: BookingEvent, birthYear: number): boolean {
  return birthYear >= event.cohort.birthYearFrom && birthYear <= event.cohort.birthYearTo;
}

/**
 * The event whose cohort holds this birth year. Closed events never match;
 * when several match, the one a person can join soonest wins (open, then
 * pre-queue, then upcoming, then earliest opening).
 */
export function matchCohort(events: readonly BookingEvent[], birthYear: number | null): CohortMatch {
  if (birthYear === null || !Number.isInteger(birthYear)) return { kind: "invalid_year" };
  const candidates = events
    .filter((event) => event.status !== "closed")
    .filter((event) => inCohort(event, birthYear))
    .sort(
      (a, b) =>
        STATUS_RANK[a.status] - STATUS_RANK[b.status] || Date.parse(a.opensAt) - Date.parse(b.opensAt),
    );
  const best = candidates[0];
  return best ? { kind: "match", eventId: best.id, event: best } : { kind: "not_in_any_cohort", birthYear };
}
