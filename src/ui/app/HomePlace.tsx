import { useEffect, useState } from "preact/hooks";
import { realClock } from "../../app/real-clock.ts";
import type { Services } from "../../app/services.ts";
import { later } from "../../core/clock/timer.ts";
import type { BookingEvent } from "../../core/contract/types.ts";
import type { QueueClient } from "../../core/queue/types.ts";
import { formatDateTime } from "../../i18n/format.ts";
import { formatCount, formatCountdown, formatEta } from "../queue/format.ts";
import { useQueue } from "../queue/use-queue.ts";
import { useApp } from "./context.ts";
import { homePlace } from "./home-place.ts";
import { OperatorNotice } from "./OperatorNotice.tsx";

/** How long the home list may wait for the queue client, so the card is drawn whole, not grown later. */
const CLIENT_WAIT_MS = 1500;

/** Resolves once the queue client is there (or failed), or after CLIENT_WAIT_MS at most. */
export function clientSettled(services: Pick<Services, "queue">): Promise<void> {
  return new Promise((resolve) => {
    const cancel = later(realClock, CLIENT_WAIT_MS, resolve);
    const done = () => {
      cancel();
      resolve();
    };
    services.queue().then(done, done);
  });
}

type Props = {
  /** The event of the ticket the device holds (read from the store before the queue client exists). */
  eventId: string;
  events: readonly BookingEvent[];
};

/**
 * The home card for the place in line, live: number, people ahead and the ETA
 * range as the waiting room projects them, or the admission's countdown.
 * Loaded only once the device is known to hold a ticket (off the first screen's weight).
 */
export function HomePlaceCard({ eventId, events }: Props) {
  const { services } = useApp();
  const [client, setClient] = useState(() => services.queueIfLoaded());
  useEffect(() => {
    let live = true;
    services.queue().then(
      (loaded) => live && setClient(loaded),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [services]);
  const event = events.find((e) => e.id === eventId);
  return client ? <Live client={client} event={event} /> : <Shell eventId={eventId} event={event} />;
}

function Live({ client, event }: { client: QueueClient; event: BookingEvent | undefined }) {
  const { lang, t } = useApp();
  const { view, now, estimate } = useQueue(client);
  const place = homePlace(view, estimate, now);
  if (!place) return null;
  const shown = event?.id === place.eventId ? event : undefined;
  return (
    <div
      class="card home-place"
      data-testid="home-place"
      data-event-id={place.eventId}
      data-state={place.state}
      data-number={place.number ?? ""}
      data-ahead={place.ahead ?? ""}
    >
      <Heading event={shown} />
      {place.state === "waiting" && (
        <dl class="place-figures">
          <div>
            <dt>{t("queue.number.label")}</dt>
            <dd data-testid="home-place-number">
              {place.number === null
                ? "–"
                : t("queue.number.value", { number: formatCount(lang, place.number) })}
            </dd>
          </div>
          <div>
            <dt>{t("queue.ahead.label")}</dt>
            <dd data-testid="home-place-ahead">
              {place.ahead === null
                ? t("queue.ahead.unknown")
                : t("queue.ahead.value", { count: formatCount(lang, place.ahead) })}
            </dd>
          </div>
          <div class="place-wide">
            <dt>{t("queue.eta.label")}</dt>
            <dd data-testid="home-place-eta">{formatEta(t, place.eta)}</dd>
          </div>
        </dl>
      )}
      {place.state === "joining" && <p>{t("queue.joining")}</p>}
      {place.state === "prequeue" && place.opensAt !== null && (
        <p>{t("queue.prequeue.opensAt", { time: formatDateTime(lang, place.opensAt) })}</p>
      )}
      {place.state === "admitted" && (
        <>
          <p class="place-admitted">{t("queue.admitted.title")}</p>
          {place.admissionLeftMs !== null && (
            <p class="place-countdown" data-testid="home-place-countdown">
              {t("queue.admitted.countdown", { time: formatCountdown(place.admissionLeftMs) })}
            </p>
          )}
        </>
      )}
      {shown?.notice && <OperatorNotice notice={shown.notice} />}
      <a class="btn btn-primary" href={place.href}>
        {t(place.state === "admitted" ? "queue.startBooking" : "app.home.continue")}
      </a>
    </div>
  );
}

/** Until the queue client is there: the same card, without figures yet. */
function Shell({ eventId, event }: { eventId: string; event: BookingEvent | undefined }) {
  const { t } = useApp();
  return (
    <div class="card home-place" data-testid="home-place" data-event-id={eventId} data-state="">
      <Heading event={event} />
      <a class="btn btn-primary" href={`/queue/${encodeURIComponent(eventId)}`}>
        {t("app.home.continue")}
      </a>
    </div>
  );
}

function Heading({ event }: { event: BookingEvent | undefined }) {
  const { lang, t } = useApp();
  return (
    <>
      <h2>{t("app.home.activeTicket")}</h2>
      {event && <p class="place-event">{t("queue.event", { name: event.name[lang] })}</p>}
    </>
  );
}
