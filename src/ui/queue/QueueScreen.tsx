import "./queue.css";
import type { QueueClient } from "../../core/queue/types.ts";
import { Screen } from "../components/Screen.tsx";
import { AdmittedPanel } from "./AdmittedPanel.tsx";
import { AlertToggles } from "./AlertToggles.tsx";
import { Announcer } from "./Announcer.tsx";
import type { AlertControls } from "./alert-controls.ts";
import { EndedPanel } from "./EndedPanel.tsx";
import { domState } from "./format.ts";
import { JoiningPanel } from "./JoiningPanel.tsx";
import { LeaveQueue } from "./LeaveQueue.tsx";
import { PlaceCard } from "./PlaceCard.tsx";
import { PrequeuePanel } from "./PrequeuePanel.tsx";
import { QueueNotices } from "./QueueNotices.tsx";
import { StatusLine } from "./StatusLine.tsx";
import { spokenFor } from "./spoken.ts";
import type { Texts } from "./texts.ts";
import { useQueue } from "./use-queue.ts";

export type QueueScreenProps = Texts & {
  client: QueueClient;
  /** The event of the route, for "take a ticket" when this device holds none. */
  eventId: string | null;
  /** null hides the "notify me"/"sound" choices (e.g. before alerts are wired). */
  alerts: AlertControls | null;
  onStartBooking(): void;
  onHome(): void;
};

/**
 * The waiting room. Renders only from the client's view and its projection
 * at the current server time (re-rendered every second); every user choice
 * goes back to the client as an intent.
 */
export function QueueScreen({ client, eventId, alerts, onStartBooking, onHome, t, lang }: QueueScreenProps) {
  const snapshot = useQueue(client);
  const { view, now, estimate } = snapshot;
  const state = domState(view);
  const texts = { t, lang };

  const newTicket = async () => {
    const target = view.eventId ?? eventId;
    if (view.phase !== "idle") await client.dismiss();
    if (target) await client.join(target);
  };
  const home = async () => {
    try {
      if (state === "expired" || state === "left" || state === "closed" || state === "error") {
        await client.dismiss();
      }
    } finally {
      onHome();
    }
  };
  const waitingExtras = (
    <>
      <StatusLine view={view} now={now} t={t} />
      {alerts && <AlertToggles alerts={alerts} t={t} />}
      <LeaveQueue onLeave={() => client.leave()} t={t} />
    </>
  );

  return (
    <Screen title={t("queue.title")}>
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
            idle={view.phase === "idle"}
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
        {(state === "expired" || state === "left" || state === "closed" || state === "error") && (
          <EndedPanel state={state} onNewTicket={newTicket} onHome={home} t={t} />
        )}
      </div>
      <Announcer spoken={spokenFor(snapshot, texts)} />
    </Screen>
  );
}
