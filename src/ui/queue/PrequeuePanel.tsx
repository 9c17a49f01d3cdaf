import type { QueueView } from "../../core/queue/types.ts";
import { formatDateTime } from "../../i18n/format.ts";
import { formatCountdown } from "./format.ts";
import type { Texts } from "./texts.ts";

type Props = Texts & { view: QueueView; now: number };

/** Before opening: a countdown in server time and the honest word that arriving early gains nothing. */
export function PrequeuePanel({ view, now, t, lang }: Props) {
  return (
    <div class="q-card">
      <h2>{t("queue.prequeue.title")}</h2>
      {view.opensAt !== null && (
        <>
          <p class="q-countdown" role="timer" data-testid="prequeue-countdown">
            {view.opensAt > now
              ? t("queue.prequeue.countdown", { time: formatCountdown(view.opensAt - now) })
              : t("queue.prequeue.opening")}
          </p>
          <p>{t("queue.prequeue.opensAt", { time: formatDateTime(lang, view.opensAt) })}</p>
        </>
      )}
      <p class="q-fair">{t("queue.prequeue.fair")}</p>
      <p>{t("queue.prequeue.next")}</p>
    </div>
  );
}
