import type { QueueView } from "../../core/queue/types.ts";
import type { AlertSettings } from "./alert-controls.ts";
import { formatUpdatedAgo } from "./format.ts";
import { reassureKey } from "./reassure.ts";
import type { Texts } from "./texts.ts";

type Props = Pick<Texts, "t"> & { view: QueueView; now: number; alerts?: AlertSettings | null };

/** Connection state, freshness, and the reassurance that the place is kept. */
export function StatusLine({ view, now, t, alerts = null }: Props) {
  const reassure = reassureKey(view, alerts);
  const connection = !view.online
    ? t("queue.connection.offline")
    : view.leader
      ? t("queue.connection.online")
      : t("queue.connection.follower");
  return (
    <div class="q-status">
      <p>
        <span class={`q-dot ${view.online ? "q-dot-on" : "q-dot-off"}`} aria-hidden="true" />
        <span class="q-sr-only">{t("queue.connection.label")}: </span>
        <span data-testid="queue-connection">{connection}</span>
        <span aria-hidden="true"> · </span>
        <span data-testid="queue-updated">{formatUpdatedAgo(t, view.updatedAt, now)}</span>
      </p>
      {reassure && (
        <p class="q-reassure" data-testid="queue-reassure" data-key={reassure}>
          {t(reassure)}
        </p>
      )}
    </div>
  );
}
