// Catalog-free helpers, so the app's entry chunk can use them without pulling in any catalog.
export type { MessageKey } from "./ko.ts";

export type Lang = "ko" | "en";

/** Values substituted for `{name}` placeholders in a message. */
export type MessageParams = Record<string, string | number>;

/** A number's plural category in the current language (Intl.PluralRules#select). */
export type PluralOf = (n: number) => string;

/**
 * Replaces `{name}` placeholders; unknown names are left as they are. A
 * `{name#one:person|other:people}` placeholder picks the form for the number
 * `params[name]` by `pluralOf` (Intl.PluralRules), "other" when none matches:
 * English says "1 person", never "1 people".
 */
export function interpolate(template: string, params?: MessageParams, pluralOf?: PluralOf): string {
  if (!params) return template;
  return template.replace(/\{(\w+)(?:#([^}]*))?\}/g, (whole, name: string, forms?: string) => {
    if (!(name in params)) return whole;
    if (forms === undefined) return String(params[name]);
    const table = new Map(forms.split("|").map((f) => f.split(":") as [string, string]));
    const category = pluralOf?.(Number(params[name])) ?? "other";
    return table.get(category) ?? table.get("other") ?? "";
  });
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
