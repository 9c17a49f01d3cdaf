import { interpolate, type Lang, type MessageKey, type MessageParams } from "./core.ts";
import { en } from "./en.ts";
import { ko } from "./ko.ts";

export { interpolate, type Lang, type MessageKey, type MessageParams, pickLang } from "./core.ts";

const catalogs: Record<Lang, Record<MessageKey, string>> = { ko, en };

/**
 * Formats one message; `{name}` placeholders are replaced from params.
 * Holds both catalogs (for tests and tools); the app uses ./runtime.ts, which loads one language on demand.
 */
export function translate(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const rules = new Intl.PluralRules(lang);
  return interpolate(catalogs[lang][key], params, (n) => rules.select(n));
}
