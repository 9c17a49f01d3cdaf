import "./home.css";
import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { joinLine } from "../../app/join.ts";
import type { Services } from "../../app/services.ts";
import { matchCohort } from "../../core/booking/cohort.ts";
import type { BookingEvent } from "../../core/contract/types.ts";
import type { Lang } from "../../i18n/core.ts";
import { loadTranslator } from "../../i18n/runtime.ts";
import { Notice } from "../components/Notice.tsx";
import { Screen } from "../components/Screen.tsx";
import { BirthYearForm } from "./BirthYearForm.tsx";
import { useApp } from "./context.ts";
import { EventList } from "./EventList.tsx";
import { useBirthYear } from "./use-birth-year.ts";
import { useEvents } from "./use-events.ts";
import { usePrompts } from "./use-prompts.ts";

/** Home: the birth year, the booking events (the user's own highlighted), and a way back to a place in line. */
export function HomeScreen() {
  const { services, lang, t, navigate, pwa } = useApp();
  const { state, retry, waitSeconds } = useEvents();
  const prompts = usePrompts(pwa, lang);
  const held = useHeldPlace(lang);
  const birthYear = useBirthYear();
  // Set when a year is entered (not when one is recalled): then focus moves to its event.
  const [entered, setEntered] = useState<{ year: number } | null>(null);

  // Offline, the last list seen stands in, as of its time.
  const shown = state.kind === "ready" ? state : state.kind === "error" ? state.saved : null;
  // What the device knows (held ticket, birth year) is read first, so nothing appears above the
  // list after it has been drawn (no layout shift).
  const deviceRead = held.checked && birthYear.loaded;
  const events = shown?.events ?? [];
  const match = birthYear.year === null ? null : matchCohort(events, birthYear.year);
  const mineId = match?.kind === "match" ? match.eventId : null;
  useSteerFocus(entered, mineId);

  const join = (eventId: string) => {
    joinLine(services, eventId);
    navigate(`/queue/${encodeURIComponent(eventId)}`);
  };

  return (
    <Screen title={t("app.home.title")}>
      <p class="lead">{t("app.home.intro")}</p>
      {held.eventId &&
        deviceRead &&
        (held.Card ? (
          <held.Card eventId={held.eventId} events={events} />
        ) : (
          <div class="card">
            <p>{t("app.home.activeTicket")}</p>
            <a class="btn btn-primary" href={`/queue/${encodeURIComponent(held.eventId)}`}>
              {t("app.home.continue")}
            </a>
          </div>
        ))}
      {(state.kind === "loading" || (shown && !deviceRead)) && (
        <p class="loading" role="status">
          {t("app.loading")}
        </p>
      )}
      {state.kind === "error" && (
        <Notice
          code={state.code}
          onRetry={retry}
          retryDisabled={waitSeconds > 0}
          retryLabel={waitSeconds > 0 ? t("app.retryIn", { seconds: waitSeconds }) : undefined}
        />
      )}
      {shown && deviceRead && events.length > 0 && (
        <BirthYearForm
          t={t}
          initialYear={birthYear.year}
          noCohortFor={entered && match?.kind === "not_in_any_cohort" ? entered.year : null}
          onYear={(year) => {
            birthYear.setYear(year);
            setEntered({ year });
          }}
        />
      )}
      {shown && deviceRead && (
        <EventList
          events={events}
          serverTime={shown.serverTime}
          mineId={mineId}
          birthYear={birthYear.year}
          onJoin={join}
        />
      )}
      {/* Last, once the list is drawn: appearing earlier, it would be pushed down (a layout shift). */}
      {shown && deviceRead && pwa && prompts && <prompts.InstallOffer pwa={pwa} />}
    </Screen>
  );
}

type PlaceCard = ComponentType<{ eventId: string; events: readonly BookingEvent[] }>;
let placeChunk: Promise<PlaceCard> | null = null;

/**
 * The place this device still holds, and its live card: loaded only when there is one, with the
 * waiting room's words and its queue client. `checked` once both are known (a card that failed to
 * load leaves a plain link), so the list below is drawn once, without a shift.
 */
function useHeldPlace(lang: Lang): { eventId: string | null; Card: PlaceCard | null; checked: boolean } {
  const { services } = useApp();
  const [held, setHeld] = useState<{ eventId: string | null; Card: PlaceCard | null; checked: boolean }>({
    eventId: null,
    Card: null,
    checked: false,
  });
  useEffect(() => {
    let live = true;
    services
      .store()
      .then((store) => store.getActiveTicket())
      .then(
        (ticket) => (ticket && ticket.ended === null ? ticket.eventId : null),
        () => null,
      )
      .then(async (eventId) => {
        const Card = eventId ? await placeCard(services, lang) : null;
        if (live) setHeld({ eventId, Card, checked: true });
      });
    return () => {
      live = false;
    };
  }, [services, lang]);
  return held;
}

function placeCard(services: Services, lang: Lang): Promise<PlaceCard | null> {
  placeChunk ??= Promise.all([import("./HomePlace.tsx"), loadTranslator(lang, ["queue"])]).then(([m]) =>
    m.clientSettled(services).then(() => m.HomePlaceCard),
  );
  return placeChunk.catch(() => {
    placeChunk = null;
    return null;
  });
}

/**
 * After a birth year is entered: brings the user's event into view and moves
 * focus to its join button (or its card, when the line is not open yet).
 */
function useSteerFocus(entered: object | null, eventId: string | null): void {
  // Only a new entry steers (not a list refresh): `entered` is a fresh object per entry.
  useEffect(() => {
    if (!entered || !eventId) return;
    const card = document.getElementById(`event-${eventId}`);
    const element = card?.querySelector<HTMLElement>('[data-testid="join"]') ?? card;
    element?.scrollIntoView?.({ block: "center" });
    element?.focus({ preventScroll: true });
  }, [entered]);
}
