import type { Decoder } from "./decoder-kit.ts";
import { fail } from "./decoder-kit.ts";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A real calendar date "YYYY-MM-DD" (so 2021-02-30 is refused). */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Epoch ms of an RFC 3339 timestamp with an offset, or null if it is not one. */
export function parseTimestamp(text: string): number | null {
  const m = TIMESTAMP.exec(text);
  if (!m || !isCalendarDate(m[1] as string)) return null;
  // Seconds may be 60 (a leap second); offsets must be real clock values.
  if (Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4]) > 60) return null;
  if (m[7] !== undefined && (Number(m[7]) > 23 || Number(m[8]) > 59)) return null;
  const ms = Date.parse(text.replace(/:60(?=[.Zz+-])/, ":59"));
  return Number.isNaN(ms) ? null : ms;
}

export const date: Decoder<string> = (value, path = "") =>
  typeof value === "string" && isCalendarDate(value) ? value : fail(path, "date YYYY-MM-DD");

export const time: Decoder<string> = (value, path = "") =>
  typeof value === "string" && TIME.test(value) ? value : fail(path, "time HH:MM");

export const timestamp: Decoder<string> = (value, path = "") =>
  typeof value === "string" && parseTimestamp(value) !== null ? value : fail(path, "RFC 3339 timestamp");
