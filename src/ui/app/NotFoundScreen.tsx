import { Screen } from "../components/Screen.tsx";
import { useI18n } from "./context.ts";

export function NotFoundScreen() {
  const { t } = useI18n();
  return (
    <Screen title={t("app.notFound.title")}>
      <p>{t("app.notFound.body")}</p>
      <a class="btn btn-primary" href="/">
        {t("app.nav.home")}
      </a>
    </Screen>
  );
}
