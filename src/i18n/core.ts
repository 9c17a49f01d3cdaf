// Catalog-free helpers, so the app's entry chunk can use them without pulling in any catalog.
export type { MessageKey } from "./ko.ts";

export type Lang = "ko" | "en";

/** Values substituted for `{name}` placeholders in a message. */
export type MessageParams = Record<string, string | number>;

/** Replaces `{name}` placeholders; unknown names are left as they are. */
export function interpolate(template: string, params?: MessageParams): string {
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
