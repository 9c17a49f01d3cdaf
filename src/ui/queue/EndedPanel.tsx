import { useState } from "preact/hooks";
import { Button } from "../components/Button.tsx";
import { type EndedState, endedBodyKey, endedTitleKey, offersNewTicket } from "./ended.ts";
import type { Texts } from "./texts.ts";

type Props = Pick<Texts, "t"> & {
  state: EndedState;
  /** Forget this ticket and take a new one; only ever on the user's tap. */
  onNewTicket(): Promise<void>;
  onHome(): Promise<void>;
};

/** How the wait ended, and a way forward from every end. */
export function EndedPanel({ state, onNewTicket, onHome, t }: Props) {
  const [busy, setBusy] = useState(false);
  const run = (action: () => Promise<void>) => () => {
    setBusy(true);
    action().finally(() => setBusy(false));
  };
  return (
    <div class="q-card">
      <h2>{t(endedTitleKey(state))}</h2>
      <p>{t(endedBodyKey(state))}</p>
      <div class="q-actions">
        {offersNewTicket(state) && (
          <Button data-testid="new-ticket" disabled={busy} onClick={run(onNewTicket)}>
            {t("queue.newTicket")}
          </Button>
        )}
        <Button
          variant={offersNewTicket(state) ? "secondary" : "primary"}
          data-testid="queue-home"
          disabled={busy}
          onClick={run(onHome)}
        >
          {t("queue.home")}
        </Button>
      </div>
    </div>
  );
}
