import type { Lang } from "../../i18n/core.ts";
import { NO_TIME, TIME_ZONE } from "../../i18n/format.ts";

const formats = new Map<Lang, Intl.DateTimeFormat>();

/** "11월 27일 (금)" / "Fri 27 Nov": a calendar date (Seoul) short enough for a date chip. */
export function formatShortDate(lang: Lang, date: string): string {
  let format = formats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === "ko" ? "ko-KR" : "en-GB", {
      month: "short",
      day: "numeric",
      weekday: "short",
      timeZone: TIME_ZONE,
    });
    formats.set(lang, format);
  }
  // Noon Seoul time keeps the calendar day whatever the zone arithmetic does.
  const noon = new Date(`${date}T12:00:00+09:00`);
  // A date no calendar holds (a broken slot list) shows a placeholder: Intl would throw.
  return Number.isFinite(noon.getTime()) ? format.format(noon) : NO_TIME;
}
