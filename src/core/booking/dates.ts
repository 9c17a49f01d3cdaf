import type { DateString, Dose } from "../contract/types.ts";

const DAY_MS = 86_400_000;
/** Korea has kept UTC+9 without daylight saving since 1988. */
export const SEOUL_OFFSET_MS = 9 * 3_600_000;

/** Adds whole days to a calendar date ("2021-07-26" + 42 → "2021-09-06"). */
export function addDays(date: DateString, days: number): DateString {
  const [year, month, day] = date.split("-").map(Number);
  const shifted = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1) + days * DAY_MS);
  return shifted.toISOString().slice(0, 10);
}

/** The calendar date in Asia/Seoul at a given epoch ms (server time). */
export function seoulDate(epochMs: number): DateString {
  return new Date(epochMs + SEOUL_OFFSET_MS).toISOString().slice(0, 10);
}

/** Epoch ms of a Seoul wall-clock date and "HH:MM" time. */
export function seoulEpoch(date: DateString, time: string): number {
  const [year, month, day] = date.split("-").map(Number);
  const [hour, minute] = time.split(":").map(Number);
  return Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0) - SEOUL_OFFSET_MS;
}

/** Days between doses the server uses for each vaccine; mRNA (the pre-booking's vaccine) is 42. */
const DOSE_INTERVAL_DAYS: Record<string, number> = { mRNA: 42 };

/**
 * The second dose the server is expected to set, shown before confirming and
 * labelled "expected": the server's answer is the one that counts.
 */
export function expectedSecondDose(first: Dose, vaccine = "mRNA"): Dose {
  return { date: addDays(first.date, DOSE_INTERVAL_DAYS[vaccine] ?? 42), time: first.time };
}
