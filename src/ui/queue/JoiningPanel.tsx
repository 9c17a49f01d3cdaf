import { Button } from "../components/Button.tsx";
import type { Texts } from "./texts.ts";

type Props = Pick<Texts, "t"> & {
  /**
   * "joining": the join is under way. "checking": no ticket yet, but the saved
   * one may still be loading (just after a reload). "idle": no ticket and no
   * join: offer one instead of waiting forever.
   */
  mode: "joining" | "checking" | "idle";
  onJoin: (() => Promise<void>) | null;
  onHome(): Promise<void>;
};

/** While the join request (or its retry after a reload) is under way. */
export function JoiningPanel({ t, mode, onJoin, onHome }: Props) {
  const idle = mode === "idle";
  const text = { joining: t("queue.joining"), checking: t("queue.checking"), idle: t("queue.idle") }[mode];
  return (
    <div class="q-card">
      <p class="q-joining" role="status">
        {!idle && <span class="q-spinner" aria-hidden="true" />}
        {text}
      </p>
      {mode === "joining" && <p>{t("queue.joining.kept")}</p>}
      {idle && (
        <div class="q-actions">
          {onJoin && (
            <Button data-testid="new-ticket" onClick={() => void onJoin()}>
              {t("queue.newTicket")}
            </Button>
          )}
          <Button variant="secondary" data-testid="queue-home" onClick={() => void onHome()}>
            {t("queue.home")}
          </Button>
        </div>
      )}
    </div>
  );
}
