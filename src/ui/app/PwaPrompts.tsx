import type { PwaController } from "../../pwa/types.ts";
import { usePwa } from "../../pwa/use-pwa.ts";
import { Button } from "../components/Button.tsx";
import { useI18n } from "./context.ts";

/** The "update ready" snackbar: agree, later, or (during a wait or booking) insist. */
export function UpdatePrompt({ pwa }: { pwa: PwaController | null }) {
  const { t } = useI18n();
  const state = usePwa(pwa);
  if (!pwa) return null;
  return (
    <>
      {state.update !== "none" && (
        <div class="snackbar" data-testid="update-ready" data-state={state.update}>
          <p>{t(state.update === "ready" ? "app.update.ready" : "app.update.busy")}</p>
          <div class="actions">
            {state.update === "ready" ? (
              <>
                <Button data-testid="update-apply" onClick={() => pwa.acceptUpdate()}>
                  {t("app.update.apply")}
                </Button>
                <Button variant="quiet" onClick={() => pwa.dismissUpdate()}>
                  {t("app.update.later")}
                </Button>
              </>
            ) : (
              <>
                <Button
                  data-testid="update-apply-now"
                  variant="secondary"
                  onClick={() => pwa.applyUpdateNow()}
                >
                  {t("app.update.applyAnyway")}
                </Button>
                <Button variant="quiet" onClick={() => pwa.dismissUpdate()}>
                  {t("app.install.dismiss")}
                </Button>
              </>
            )}
          </div>
        </div>
      )}
    </>
  );
}

/** On the home screen: an install button where the browser offers one, else the iOS hint. */
export function InstallOffer({ pwa }: { pwa: PwaController | null }) {
  const { t } = useI18n();
  const state = usePwa(pwa);
  if (!pwa) return null;
  if (state.canInstall)
    return (
      <Button data-testid="install" variant="secondary" onClick={() => void pwa.install()}>
        {t("app.install.button")}
      </Button>
    );
  if (state.iosHint)
    return (
      <div class="hint" role="note">
        <p>{t("app.install.iosHint")}</p>
        <Button variant="quiet" onClick={() => pwa.dismissIosHint()}>
          {t("app.install.dismiss")}
        </Button>
      </div>
    );
  return null;
}
