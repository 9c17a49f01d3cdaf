import type { BookingEvent, EventStatus } from "../../core/contract/types.ts";
import { formatDateTime } from "../../i18n/format.ts";
import { Button } from "../components/Button.tsx";
import { useI18n } from "./context.ts";

const joinable: ReadonlySet<EventStatus> = new Set(["prequeue", "open"]);

type Props = { event: BookingEvent; onJoin: (eventId: string) => void };

/** One event: name, status, Seoul times, cohort, and a join button while the line is open. */
export function EventCard({ event, onJoin }: Props) {
  const { lang, t } = useI18n();
  const name = event.name[lang];
  return (
    <li class="card event" data-event-id={event.id} data-status={event.status}>
      <h2>{name}</h2>
      <p class={`status status-${event.status}`}>{t(`app.event.status.${event.status}`)}</p>
      <p>{t("app.home.cohort", { from: event.cohort.birthYearFrom, to: event.cohort.birthYearTo })}</p>
      <ul class="times">
        {event.prequeueOpensAt && (
          <li>{t("app.home.prequeueOpensAt", { time: formatDateTime(lang, event.prequeueOpensAt) })}</li>
        )}
        <li>{t("app.home.opensAt", { time: formatDateTime(lang, event.opensAt) })}</li>
        <li>{t("app.home.closesAt", { time: formatDateTime(lang, event.closesAt) })}</li>
      </ul>
      {joinable.has(event.status) && (
        <Button
          data-testid="join"
          data-event-id={event.id}
          aria-label={t("app.home.joinLabel", { name })}
          onClick={() => onJoin(event.id)}
        >
          {t("app.home.join")}
        </Button>
      )}
    </li>
  );
}
