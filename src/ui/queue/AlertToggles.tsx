import type { AlertControls } from "./alert-controls.ts";
import type { Texts } from "./texts.ts";
import { useAlertSettings } from "./use-alert-settings.ts";

type Props = Pick<Texts, "t"> & { alerts: AlertControls };

/** "Notify me" and "sound": the browser's permission prompt appears only from this tap. */
export function AlertToggles({ alerts, t }: Props) {
  const settings = useAlertSettings(alerts) ?? alerts.getSettings();

  return (
    <fieldset class="q-alerts">
      <legend>{t("queue.alerts.title")}</legend>
      <label class="q-toggle">
        <input
          type="checkbox"
          data-testid="alert-notify"
          checked={settings.notify}
          disabled={settings.permission === "unsupported"}
          onChange={(event) => void alerts.setNotify(event.currentTarget.checked)}
        />
        <span>{t("queue.alerts.notify")}</span>
      </label>
      {settings.push === "on" && (
        <p class="q-hint" data-testid="alert-push">
          {t("queue.alerts.pushOn")}
        </p>
      )}
      {settings.permission === "denied" && <p class="q-hint">{t("queue.alerts.denied")}</p>}
      {settings.permission === "unsupported" && <p class="q-hint">{t("queue.alerts.unsupported")}</p>}
      <label class="q-toggle">
        <input
          type="checkbox"
          data-testid="alert-sound"
          checked={settings.sound}
          onChange={(event) => void alerts.setSound(event.currentTarget.checked)}
        />
        <span>{t("queue.alerts.sound")}</span>
      </label>
      {settings.keepAwake !== null && (
        <label class="q-toggle">
          <input
            type="checkbox"
            data-testid="alert-keep-awake"
            checked={settings.keepAwake}
            onChange={(event) => void alerts.setKeepAwake(event.currentTarget.checked)}
          />
          <span>{t("queue.alerts.keepAwake")}</span>
        </label>
      )}
    </fieldset>
  );
}
