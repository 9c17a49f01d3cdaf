import type { Lang } from "./core.ts";
import { formatter, moment, NO_TIME } from "./format.ts";

// Apart from format.ts, which the home screen loads: only screens that load later show these.

/** "오후 8:00:05" / "20:00:05". */
export function formatTime(lang: Lang, at: string | number): string {
  const date = moment(at);
  if (!date) return NO_TIME;
  return formatter(lang, {
    hour: "numeric",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: lang === "ko" ? "h12" : "h23",
  }).format(date);
}

/** "2021년 7월 26일 (월)" / "Mon 26 Jul 2021" for a calendar date "YYYY-MM-DD" (a Seoul date). */
export function formatDate(lang: Lang, date: string): string {
  // Noon Seoul time keeps the calendar day whatever the formatter's zone arithmetic does.
  const noon = /^\d{4}-\d{2}-\d{2}$/.test(date) ? moment(`${date}T12:00:00+09:00`) : null;
  if (!noon) return NO_TIME;
  return formatter(lang, { year: "numeric", month: "long", day: "numeric", weekday: "short" }).format(noon);
}
