import type { Lang } from "../../i18n/core.ts";
import { useApp } from "./context.ts";

type Props = { onSwitchLang: (lang: Lang) => void };

/** App name (home link), the Demo badge on the mock, my reservations, and the language switch. */
export function Header({ onSwitchLang }: Props) {
  const { services, lang, t } = useApp();
  const other: Lang = lang === "ko" ? "en" : "ko";
  return (
    <header class="header">
      <a class="brand" href="/">
        {t("app.name")}
      </a>
      {services.demo && (
        <span class="badge" data-testid="demo-badge" title={t("app.demoBadgeLabel")}>
          {t("app.demoBadge")}
        </span>
      )}
      <nav class="header-nav">
        <a href="/reservations">{t("app.nav.reservations")}</a>
        <button
          type="button"
          class="lang-switch"
          data-testid="lang-switch"
          lang={other}
          onClick={() => onSwitchLang(other)}
        >
          {t("app.language")}
        </button>
      </nav>
    </header>
  );
}
