import type { Lang } from "./core.ts";

/** Every date and time is shown in Korean time, whatever the device's zone. */
export const TIME_ZONE = "Asia/Seoul";

const locales: Record<Lang, string> = { ko: "ko-KR", en: "en-GB" };
const cache = new Map<string, Intl.DateTimeFormat>();

export function formatter(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locales[lang], { ...options, timeZone: TIME_ZONE });
    cache.set(key, f);
  }
  return f;
}

/**
 * Shown for a moment no calendar can hold (NaN, or past ±8.64e15 ms: a Retry-After of 14 digits).
 * Formatting must never throw: a notice that cannot show its time still shows its words.
 */
export const NO_TIME = "—";

/** The date for `at`, or null when it is not a real moment (Intl would throw RangeError). */
export function moment(at: string | number): Date | null {
  const date = new Date(at);
  return Number.isFinite(date.getTime()) ? date : null;
}

/** "7월 19일 (월) 오후 8:00" / "Mon 19 Jul, 20:00" for an RFC 3339 timestamp or epoch ms. */
export function formatDateTime(lang: Lang, at: string | number): string {
  const date = moment(at);
  if (!date) return NO_TIME;
  return formatter(lang, {
    month: "short",
    day: "numeric",
    weekday: "short",
    hour: "numeric",
    minute: "2-digit",
    hourCycle: lang === "ko" ? "h12" : "h23",
  }).format(date);
}
