import type { BookingEvent, EventStatus } from "../../core/contract/types.ts";
import { formatDateTime } from "../../i18n/format.ts";
import { Button } from "../components/Button.tsx";
import { useI18n } from "./context.ts";
import { OperatorNotice } from "./OperatorNotice.tsx";

const joinable: ReadonlySet<EventStatus> = new Set(["prequeue", "open"]);

type Props = {
  event: BookingEvent;
  onJoin: (eventId: string) => void;
  /** The event for the user's birth year: highlighted, and focusable so the home screen can steer to it. */
  mine?: boolean;
  /**
   * The join was tapped with a birth year outside this line's cohort: say so,
   * and let a second tap join anyway (the year may be mistyped, or it is for someone else).
   */
  warnYear?: number | null;
};

/** One event: name, status, Seoul times, cohort, and a join button while the line is open. */
export function EventCard({ event, onJoin, mine = false, warnYear = null }: Props) {
  const { lang, t } = useI18n();
  const name = event.name[lang];
  const { birthYearFrom: from, birthYearTo: to } = event.cohort;
  return (
    <li
      id={`event-${event.id}`}
      class={mine ? "card event mine" : "card event"}
      data-event-id={event.id}
      data-status={event.status}
      tabIndex={mine ? -1 : undefined}
    >
      <h2>{name}</h2>
      {mine && <p class="mine-label">{t("app.cohort.mine")}</p>}
      <p class={`status status-${event.status}`}>{t(`app.event.status.${event.status}`)}</p>
      <p>{t("app.home.cohort", { from, to })}</p>
      <ul class="times">
        {event.prequeueOpensAt && (
          <li>{t("app.home.prequeueOpensAt", { time: formatDateTime(lang, event.prequeueOpensAt) })}</li>
        )}
        <li>{t("app.home.opensAt", { time: formatDateTime(lang, event.opensAt) })}</li>
        <li>{t("app.home.closesAt", { time: formatDateTime(lang, event.closesAt) })}</li>
      </ul>
      {event.notice && <OperatorNotice notice={event.notice} />}
      {warnYear !== null && (
        <p class="notice" data-testid="notice" data-code="cohort_mismatch" role="alert">
          {t("app.cohort.mismatch", { year: warnYear, from, to })}
        </p>
      )}
      {joinable.has(event.status) && (
        <Button
          data-testid="join"
          data-event-id={event.id}
          aria-label={warnYear === null ? t("app.home.joinLabel", { name }) : undefined}
          onClick={() => onJoin(event.id)}
        >
          {t(warnYear === null ? "app.home.join" : "app.cohort.joinAnyway")}
        </Button>
      )}
    </li>
  );
}
