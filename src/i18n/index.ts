import { en } from "./en.ts";
import { ko, type MessageKey } from "./ko.ts";

export type Lang = "ko" | "en";
export type { MessageKey };

const catalogs: Record<Lang, Record<MessageKey, string>> = { ko, en };

/** Values substituted for `{name}` placeholders in a message. */
export type MessageParams = Record<string, string | number>;

/** Formats one message; `{name}` placeholders are replaced from params. */
export function translate(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const template = catalogs[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** `?lang=en|ko` wins, then a saved choice, then the browser's languages; Korean by default. */
export function pickLang(query: string | null, saved: Lang | null, browserLangs: readonly string[]): Lang {
  if (query === "en" || query === "ko") return query;
  if (saved) return saved;
  for (const tag of browserLangs) {
    const primary = tag.toLowerCase().split("-")[0];
    if (primary === "ko") return "ko";
    if (primary === "en") return "en";
  }
  return "ko";
}
