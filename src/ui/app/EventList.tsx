import { useState } from "preact/hooks";
import { inCohort } from "../../core/booking/cohort.ts";
import type { BookingEvent } from "../../core/contract/types.ts";
import { formatDateTime } from "../../i18n/format.ts";
import { useApp } from "./context.ts";
import { EventCard } from "./EventCard.tsx";

type Props = {
  events: BookingEvent[];
  serverTime: string;
  /** The event for the user's birth year, if any. */
  mineId: string | null;
  birthYear: number | null;
  onJoin: (eventId: string) => void;
};

/**
 * The events, and the server time the list was true at (old when shown from the
 * device offline). A join for a line the birth year is not in warns first; a second tap joins.
 */
export function EventList({ events, serverTime, mineId, birthYear, onJoin }: Props) {
  const { lang, t } = useApp();
  const [warned, setWarned] = useState<{ eventId: string; year: number } | null>(null);
  if (events.length === 0) return <p>{t("app.home.empty")}</p>;

  const tryJoin = (event: BookingEvent) => {
    const confirmed = warned?.eventId === event.id && warned.year === birthYear;
    if (birthYear === null || inCohort(event, birthYear) || confirmed) onJoin(event.id);
    else setWarned({ eventId: event.id, year: birthYear });
  };
  return (
    <>
      <ul class="events" data-testid="events">
        {events.map((event) => (
          <EventCard
            key={event.id}
            event={event}
            mine={event.id === mineId}
            warnYear={warned?.eventId === event.id && warned.year === birthYear ? birthYear : null}
            onJoin={() => tryJoin(event)}
          />
        ))}
      </ul>
      <p class="meta">{t("app.home.updatedAt", { time: formatDateTime(lang, serverTime) })}</p>
    </>
  );
}
