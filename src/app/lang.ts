import { type Lang, pickLang } from "../i18n/core.ts";

const KEY = "jari.lang";

/** `?lang=` wins, then the user's last explicit choice, then the browser's languages. */
export function initialLang(): Lang {
  const query = new URLSearchParams(location.search).get("lang");
  return pickLang(query, savedLang(), navigator.languages ?? [navigator.language]);
}

/** Remembers an explicit switch and drops `?lang=` so a reload keeps the choice. */
export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only, which is acceptable.
  }
  const url = new URL(location.href);
  if (url.searchParams.has("lang")) {
    url.searchParams.delete("lang");
    history.replaceState(history.state, "", url);
  }
}

/** Keeps `<html lang>` in step so screen readers pronounce the page correctly. */
export function applyDocumentLang(lang: Lang): void {
  document.documentElement.lang = lang;
}

function savedLang(): Lang | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === "ko" || v === "en" ? v : null;
  } catch {
    return null;
  }
}
