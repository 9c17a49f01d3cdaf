/** Formatting of model-clock instants for the wire. Korea has no DST: +09:00 always. */

const SEOUL_OFFSET_MS = 9 * 3600_000;
const DAY_MS = 86_400_000;

/** RFC 3339 with milliseconds and the Seoul offset, e.g. "2021-07-19T20:00:00.000+09:00". */
export function toSeoulTimestamp(ms: number): string {
  return `${new Date(ms + SEOUL_OFFSET_MS).toISOString().slice(0, 23)}+09:00`;
}

/** IMF-fixdate for the Date and Retry-After headers, e.g. "Mon, 19 Jul 2021 11:00:00 GMT". */
export function toHttpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** The Seoul calendar date of an instant, "YYYY-MM-DD". */
export function seoulDate(ms: number): string {
  return new Date(ms + SEOUL_OFFSET_MS).toISOString().slice(0, 10);
}

/** "YYYY-MM-DD" plus n days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from a to b ("YYYY-MM-DD" each). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** True for a real calendar date written exactly as "YYYY-MM-DD". */
export function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}
