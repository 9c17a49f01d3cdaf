import { useEffect, useState } from "preact/hooks";
import type { Lang } from "../../i18n/core.ts";
import { loadTranslator } from "../../i18n/runtime.ts";
import type { PwaController } from "../../pwa/types.ts";

type Prompts = typeof import("./PwaPrompts.tsx");

let loading: Promise<Prompts> | null = null;

/**
 * The install and update prompts, loaded only once the service-worker side
 * has (`pwa` set, after the page is idle): they stay off the first screen's
 * weight. null until then, or when their chunk cannot be fetched. `lang` is
 * passed in because the shell itself provides the i18n context.
 */
export function usePrompts(pwa: PwaController | null | undefined, lang: Lang): Prompts | null {
  const [prompts, setPrompts] = useState<Prompts | null>(null);
  useEffect(() => {
    if (!pwa) return;
    // Their words come with them (the "pwa" catalog section), so no bare key is ever drawn.
    loading ??= Promise.all([import("./PwaPrompts.tsx"), loadTranslator(lang, ["pwa"])]).then(([m]) => m);
    loading.then(setPrompts, () => {
      loading = null;
    });
  }, [pwa, lang]);
  return prompts;
}
