import { interpolate, type Lang, type MessageKey, type MessageParams } from "./core.ts";

/** The current language's messages; a key missing from the catalog comes back as itself. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

// One language at a time, split off the entry chunk: the catalogs grow with every screen.
const loaders: Record<Lang, () => Promise<Record<MessageKey, string>>> = {
  ko: () => import("./ko.ts").then((m) => m.ko),
  en: () => import("./en.ts").then((m) => m.en),
};
const loaded = new Map<Lang, Promise<Translate>>();

/** Loads one language's catalog (once) and returns its translator. */
export function loadTranslator(lang: Lang): Promise<Translate> {
  let p = loaded.get(lang);
  if (!p) {
    p = loaders[lang]().then(
      (catalog): Translate =>
        (key, params) =>
          interpolate(catalog[key] ?? key, params),
    );
    p.catch(() => loaded.delete(lang));
    loaded.set(lang, p);
  }
  return p;
}
