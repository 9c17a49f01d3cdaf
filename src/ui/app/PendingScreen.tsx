// INTERIM: stands in for screens whose owners have not landed them yet.
import { Screen } from "../components/Screen.tsx";
import { useI18n } from "./context.ts";
import type { ScreenProps } from "./screen-props.ts";

export function PendingScreen({ params }: ScreenProps) {
  const { t } = useI18n();
  return (
    <Screen title={t("app.loading")}>
      <p>{JSON.stringify(params)}</p>
    </Screen>
  );
}
