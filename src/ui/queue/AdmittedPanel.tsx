import type { QueueView } from "../../core/queue/types.ts";
import { formatTime } from "../../i18n/format-time.ts";
import { Button } from "../components/Button.tsx";
import { formatCountdown } from "./format.ts";
import type { Texts } from "./texts.ts";

type Props = Texts & { view: QueueView; now: number; onStartBooking(): void };

/** The user's turn: how long the admission lasts (server time) and the way into booking. */
export function AdmittedPanel({ view, now, onStartBooking, t, lang }: Props) {
  const expiresAt = view.admission ? Date.parse(view.admission.expiresAt) : Number.NaN;
  return (
    <div class="q-card q-admitted">
      <h2>{t("queue.admitted.title")}</h2>
      {!Number.isNaN(expiresAt) && (
        <>
          <p class="q-countdown" role="timer" data-testid="admission-countdown">
            {t("queue.admitted.countdown", { time: formatCountdown(expiresAt - now) })}
          </p>
          <p>{t("queue.admitted.until", { time: formatTime(lang, expiresAt) })}</p>
        </>
      )}
      <Button data-testid="start-booking" onClick={onStartBooking}>
        {t("queue.startBooking")}
      </Button>
    </div>
  );
}
