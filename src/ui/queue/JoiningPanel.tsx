import { Button } from "../components/Button.tsx";
import type { Texts } from "./texts.ts";

type Props = Pick<Texts, "t"> & {
  /** No ticket and no join under way: offer one instead of waiting forever. */
  idle: boolean;
  onJoin: (() => Promise<void>) | null;
  onHome(): Promise<void>;
};

/** While the join request (or its retry after a reload) is under way. */
export function JoiningPanel({ t, idle, onJoin, onHome }: Props) {
  return (
    <div class="q-card">
      <p class="q-joining" role="status">
        {!idle && <span class="q-spinner" aria-hidden="true" />}
        {idle ? t("queue.idle") : t("queue.joining")}
      </p>
      {!idle && <p>{t("queue.joining.kept")}</p>}
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
