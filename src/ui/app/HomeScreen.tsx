import { useEffect, useState } from "preact/hooks";
import type { BookingEvent } from "../../core/contract/types.ts";
import { formatDateTime } from "../../i18n/format.ts";
import { Notice } from "../components/Notice.tsx";
import { Screen } from "../components/Screen.tsx";
import { useApp } from "./context.ts";
import { EventCard } from "./EventCard.tsx";
import { useEvents } from "./use-events.ts";

/** Home: the booking events, with a way back to a place already held in line. */
export function HomeScreen() {
  const { services, t, navigate } = useApp();
  const { state, retry } = useEvents();
  const activeEventId = useActiveTicketEventId();

  const join = (eventId: string) => {
    // The queue screen shows the join's progress and errors from the queue client's view.
    services.queue().then(
      (q) => q.join(eventId),
      () => undefined,
    );
    navigate(`/queue/${encodeURIComponent(eventId)}`);
  };

  return (
    <Screen title={t("app.home.title")}>
      <p class="lead">{t("app.home.intro")}</p>
      {activeEventId && (
        <div class="card active-ticket">
          <p>{t("app.home.activeTicket")}</p>
          <a class="btn btn-primary" href={`/queue/${encodeURIComponent(activeEventId)}`}>
            {t("app.home.continue")}
          </a>
        </div>
      )}
      {state.kind === "loading" && (
        <p class="loading" role="status">
          {t("app.loading")}
        </p>
      )}
      {state.kind === "error" && <Notice code={state.code} onRetry={retry} />}
      {state.kind === "ready" && (
        <EventList events={state.events} serverTime={state.serverTime} onJoin={join} />
      )}
      {state.kind === "error" && state.saved && (
        <EventList events={state.saved.events} serverTime={state.saved.serverTime} onJoin={join} />
      )}
    </Screen>
  );
}

type ListProps = { events: BookingEvent[]; serverTime: string; onJoin: (eventId: string) => void };

/** The events, and the server time the list was true at (old when shown from the device offline). */
function EventList({ events, serverTime, onJoin }: ListProps) {
  const { lang, t } = useApp();
  if (events.length === 0) return <p>{t("app.home.empty")}</p>;
  return (
    <>
      <ul class="events" data-testid="events">
        {events.map((event) => (
          <EventCard key={event.id} event={event} onJoin={onJoin} />
        ))}
      </ul>
      <p class="meta">{t("app.home.updatedAt", { time: formatDateTime(lang, serverTime) })}</p>
    </>
  );
}

/** The event of a ticket this device still holds, so the user can go straight back to it. */
function useActiveTicketEventId(): string | null {
  const { services } = useApp();
  const [eventId, setEventId] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    services
      .store()
      .then((store) => store.getActiveTicket())
      .then(
        (ticket) => {
          if (live && ticket && ticket.ended === null) setEventId(ticket.eventId);
        },
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [services]);
  return eventId;
}
