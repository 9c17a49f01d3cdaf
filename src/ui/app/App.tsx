import { useCallback, useEffect, useMemo, useState } from "preact/hooks";
import type { RouteMatch, Router } from "../../app/router.ts";
import type { RouteId } from "../../app/routes.ts";
import { loadNotFound, screenLoaders } from "../../app/routes.ts";
import type { Services } from "../../app/services.ts";
import type { Lang } from "../../i18n/core.ts";
import { loadTranslator, type Translate } from "../../i18n/runtime.ts";
import type { PwaController } from "../../pwa/types.ts";
import { AppContext, type AppContextValue } from "./context.ts";
import { Header } from "./Header.tsx";
import { HomeScreen } from "./HomeScreen.tsx";
import { LazyScreen } from "./LazyScreen.tsx";
import { ScreenBoundary } from "./ScreenBoundary.tsx";
import { usePrompts } from "./use-prompts.ts";

type Props = {
  services: Services;
  router: Router<RouteId>;
  initial: { lang: Lang; t: Translate };
  /** Persists an explicit language switch and updates <html lang>. */
  onLangChange: (lang: Lang) => void;
  pwa: PwaController | null;
};

/** The shell: skip link, header, the routed screen, and the install/update prompts. */
export function App({ services, router, initial, onLangChange, pwa }: Props) {
  const [{ lang, t }, setLanguage] = useState(initial);
  const [match, setMatch] = useState(router.current());
  const prompts = usePrompts(pwa, lang);
  useEffect(() => router.subscribe(setMatch), [router]);

  const switchLang = useCallback(
    (next: Lang) => {
      // Offline with the other catalog not yet cached, the switch just does not happen.
      loadTranslator(next).then(
        (nextT) => {
          setLanguage({ lang: next, t: nextT });
          onLangChange(next);
        },
        () => undefined,
      );
    },
    [onLangChange],
  );
  const context = useMemo<AppContextValue>(
    () => ({
      services,
      lang,
      t,
      navigate: router.navigate,
      pwa,
    }),
    [services, lang, t, router, pwa],
  );

  return (
    <AppContext.Provider value={context}>
      <a class="skip-link" href="#main">
        {context.t("app.skipToContent")}
      </a>
      <Header onSwitchLang={switchLang} />
      <main id="main" tabIndex={-1}>
        <ScreenBoundary key={match.path}>
          <RoutedScreen match={match} />
        </ScreenBoundary>
      </main>
      <div class="prompts" aria-live="polite">
        {prompts && <prompts.UpdatePrompt pwa={pwa} />}
      </div>
    </AppContext.Provider>
  );
}

function RoutedScreen({ match }: { match: RouteMatch<RouteId | "not-found"> }) {
  if (match.id === "home") return <HomeScreen />;
  const load = match.id === "not-found" ? loadNotFound : screenLoaders[match.id];
  // Keyed by path so moving between two tickets or reservations starts the screen afresh.
  return <LazyScreen key={match.path} load={load} params={match.params} query={match.query} />;
}
