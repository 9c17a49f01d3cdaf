import { interpolate, type Lang, type MessageKey, type MessageParams } from "./core.ts";

/** The current language's messages; a key not loaded (or missing) comes back as itself. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/**
 * Catalog sections, one file per screen area and language (./ko/*.ts, ./en/*.ts). The push texts
 * (./ko/push.ts) are no section: only the service worker shows them, and it imports them directly
 * (a loader here would weigh on the first screen for nothing).
 */
export type Section = "app" | "pwa" | "queue" | "booking" | "demo";

type Messages = Readonly<Record<string, string>>;

// Split off the entry chunk, one language and one area at a time: the home screen needs
// only "app"; a screen's section loads with the screen (see src/app/routes.ts).
const loaders: Record<Lang, Record<Section, () => Promise<Messages>>> = {
  ko: {
    app: () => import("./ko/app.ts").then((m) => m.app),
    pwa: () => import("./ko/pwa.ts").then((m) => m.pwa),
    queue: () => import("./ko/queue.ts").then((m) => m.queue),
    booking: () => import("./ko/booking.ts").then((m) => m.booking),
    // Demo builds only: the compile-time MODE check drops it from production.
    demo: () =>
      import.meta.env.MODE === "demo" ? import("./ko/demo.ts").then((m) => m.demo) : Promise.resolve({}),
  },
  en: {
    app: () => import("./en/app.ts").then((m) => m.app),
    pwa: () => import("./en/pwa.ts").then((m) => m.pwa),
    queue: () => import("./en/queue.ts").then((m) => m.queue),
    booking: () => import("./en/booking.ts").then((m) => m.booking),
    // Demo builds only: the compile-time MODE check drops it from production.
    demo: () =>
      import.meta.env.MODE === "demo" ? import("./en/demo.ts").then((m) => m.demo) : Promise.resolve({}),
  },
};

const wanted = new Set<Section>(["app"]);
const merged: Record<Lang, Record<string, string>> = { ko: {}, en: {} };
const loading = new Map<string, Promise<void>>();
const translators: Partial<Record<Lang, Translate>> = {};

function loadSection(lang: Lang, section: Section): Promise<void> {
  const id = `${lang}/${section}`;
  let p = loading.get(id);
  if (!p) {
    p = loaders[lang][section]().then((messages) => {
      Object.assign(merged[lang], messages);
    });
    // A failed load (offline before the chunk was cached) may work next time.
    p.catch(() => loading.delete(id));
    loading.set(id, p);
  }
  return p;
}

/**
 * Loads `lang` with every section asked for so far (plus `sections`) and
 * returns its translator. The translator reads a live table, so sections
 * loaded later show up without a new function.
 */
export async function loadTranslator(lang: Lang, sections: readonly Section[] = []): Promise<Translate> {
  for (const s of sections) wanted.add(s);
  await Promise.all([...wanted].map((s) => loadSection(lang, s)));
  if (!translators[lang]) {
    const rules = new Intl.PluralRules(lang);
    translators[lang] = (key, params) =>
      interpolate(merged[lang][key] ?? key, params, (n) => rules.select(n));
  }
  return translators[lang];
}
