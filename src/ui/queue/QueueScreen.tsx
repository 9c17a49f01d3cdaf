import { realClock } from "../../app/real-clock.ts";
import { later } from "../../core/clock/timer.ts";
import "./queue.css";
import { useEffect, useState } from "preact/hooks";
import type { BookingEvent } from "../../core/contract/types.ts";
import type { QueueClient } from "../../core/queue/types.ts";
import { OperatorNotice } from "../app/OperatorNotice.tsx";
import { Screen } from "../components/Screen.tsx";
import { HandoffSlot } from "../handoff/HandoffSlot.tsx";
import { AdmittedPanel } from "./AdmittedPanel.tsx";
import { AlertToggles } from "./AlertToggles.tsx";
import { Announcer } from "./Announcer.tsx";
import type { AlertControls } from "./alert-controls.ts";
import { EndedPanel } from "./EndedPanel.tsx";
import { isEnded } from "./ended.ts";
import { domState } from "./format.ts";
import { JoiningPanel } from "./JoiningPanel.tsx";
import { LeaveQueue } from "./LeaveQueue.tsx";
import { PlaceCard } from "./PlaceCard.tsx";
import { PrequeuePanel } from "./PrequeuePanel.tsx";
import { QueueNotices } from "./QueueNotices.tsx";
import { StatusLine } from "./StatusLine.tsx";
import { spokenFor } from "./spoken.ts";
import type { Texts } from "./texts.ts";
import { useAlertSettings } from "./use-alert-settings.ts";
import { useQueue } from "./use-queue.ts";

/**
 * Just after a reload the view is "idle" until the saved ticket has been read;
 * "no ticket here" is said only after this long, so it never flashes by.
 */
const IDLE_GRACE_MS = 3000;

/** false for the first `ms` after mount. */
function useSettled(ms: number): boolean {
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    return later(realClock, ms, () => setSettled(true));
  }, [ms]);
  return settled;
}

export type QueueScreenProps = Texts & {
  client: QueueClient;
  /** The event of the route, for "take a ticket" when this device holds none. */
  eventId: string | null;
  /** The events known to the app, to name the line this ticket waits in (none: the name is left out). */
  events?: readonly BookingEvent[];
  /** null hides the "notify me"/"sound" choices (e.g. before alerts are wired). */
  alerts: AlertControls | null;
  onStartBooking(): void;
  onHome(): void;
  /** Called first, inside a tap that takes a new ticket (the shell asks for durable storage there). */
  onJoinTap?(): void;
};

/**
 * The waiting room. Renders only from the client's view and its projection
 * at the current server time (re-rendered every second); every user choice
 * goes back to the client as an intent.
 */
export function QueueScreen({
  client,
  eventId,
  events = [],
  alerts,
  onStartBooking,
  onHome,
  onJoinTap,
  t,
  lang,
}: QueueScreenProps) {
  const snapshot = useQueue(client);
  const settled = useSettled(IDLE_GRACE_MS);
  const { view, now, estimate } = snapshot;
  const alertSettings = useAlertSettings(alerts);
  const state = domState(view);
  const texts = { t, lang };
  const event = events.find((e) => e.id === (view.eventId ?? eventId));

  const newTicket = async () => {
    onJoinTap?.();
    const target = view.eventId ?? eventId;
    if (view.phase !== "idle") await client.dismiss();
    if (target) await client.join(target);
  };
  const home = async () => {
    try {
      // An ended ticket is kept only so the user sees how it ended; leaving the screen acknowledges it.
      if (isEnded(state)) await client.dismiss();
    } finally {
      onHome();
    }
  };
  // The ticket's own answer is the fresher word from the operators; the event's is shown until then.
  const operatorNotice = view.operatorNotice ?? event?.notice ?? null;
  const waitingExtras = (
    <>
      <StatusLine view={view} now={now} t={t} alerts={alertSettings} />
      {alerts && <AlertToggles alerts={alerts} t={t} />}
      <LeaveQueue onLeave={() => client.leave()} t={t} />
    </>
  );

  return (
    <Screen title={t("queue.title")}>
      {event && (
        <p class="q-event" data-testid="queue-event" data-event-id={event.id}>
          {t("queue.event", { name: event.name[lang] })}
        </p>
      )}
      {operatorNotice && <OperatorNotice notice={operatorNotice} />}
      <div
        class="q"
        data-testid="queue"
        data-state={state}
        data-ticket-id={view.ticketId ?? ""}
        data-number={view.number ?? ""}
        data-ahead={view.ahead ?? ""}
        data-online={String(view.online)}
      >
        <QueueNotices view={view} {...texts} />
        {state === "joining" && (
          <JoiningPanel
            t={t}
            mode={view.phase !== "idle" ? "joining" : settled ? "idle" : "checking"}
            onJoin={eventId ? newTicket : null}
            onHome={home}
          />
        )}
        {state === "prequeue" && (
          <>
            <PrequeuePanel view={view} now={now} {...texts} />
            {waitingExtras}
          </>
        )}
        {state === "waiting" && (
          <>
            <PlaceCard view={view} estimate={estimate} {...texts} />
            {waitingExtras}
          </>
        )}
        {state === "admitted" && (
          <>
            <AdmittedPanel view={view} now={now} onStartBooking={onStartBooking} {...texts} />
            <StatusLine view={view} now={now} t={t} />
            <LeaveQueue onLeave={() => client.leave()} t={t} />
          </>
        )}
        {isEnded(state) && <EndedPanel state={state} onNewTicket={newTicket} onHome={home} t={t} />}
        <HandoffSlot client={client} view={view} t={t} lang={lang} onHome={onHome} />
      </div>
      <Announcer spoken={spokenFor(snapshot, texts)} />
    </Screen>
  );
}
