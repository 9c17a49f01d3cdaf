import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Services } from "../../app/services.ts";
import type { Lang, MessageKey, MessageParams } from "../../i18n/core.ts";
import type { PwaController } from "../../pwa/types.ts";

/** What every screen gets from the shell: data access, language and navigation. */
export interface AppContextValue {
  services: Services;
  lang: Lang;
  /** The message for `key` in the current language. */
  t: (key: MessageKey, params?: MessageParams) => string;
  /** In-app navigation (history API), e.g. navigate(`/queue/${id}`). */
  navigate: (to: string, options?: { replace?: boolean }) => void;
  /** Install and update control; null until it has loaded after the first screen (and in dev). */
  pwa?: PwaController | null;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error("useApp() outside <AppContext.Provider>");
  return value;
}

/** Services created by the composition root (api, store, clocks, queue client). */
export const useServices = (): Services => useApp().services;

/** `{ lang, t }` for the current language. */
export function useI18n(): Pick<AppContextValue, "lang" | "t"> {
  const { lang, t } = useApp();
  return { lang, t };
}

export const useNavigate = (): AppContextValue["navigate"] => useApp().navigate;
