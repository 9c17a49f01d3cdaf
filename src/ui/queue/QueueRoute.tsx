import { useEffect, useState } from "preact/hooks";
import { askDurableStorage } from "../../app/join.ts";
import { prefetchCatalogWhileWaiting } from "../../app/prefetch-while-waiting.ts";
import type { QueueClient } from "../../core/queue/types.ts";
import { useApp } from "../app/context.ts";
import type { ScreenProps } from "../app/screen-props.ts";
import { Notice } from "../components/Notice.tsx";
import type { AlertControls } from "./alert-controls.ts";
import { QueueScreen } from "./QueueScreen.tsx";
import { useQueueEvents } from "./use-queue-events.ts";

/** /queue/:eventId — the waiting room with the tab's queue client from the shell's services. */
export function QueueRoute({ params }: ScreenProps) {
  const { services, lang, t, navigate } = useApp();
  const [client, setClient] = useState<QueueClient | null>(() => services.queueIfLoaded());
  const [alerts, setAlerts] = useState<AlertControls | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const eventId = params.eventId ?? null;
  const events = useQueueEvents(client?.getView().eventId ?? eventId);

  useEffect(() => {
    let live = true;
    setFailed(false);
    services.queue().then(
      (loaded) => live && setClient(loaded),
      () => live && setFailed(true),
    );
    // Without alert controls the screen simply hides the toggles.
    services.alerts().then(
      (loaded) => live && setAlerts(loaded),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [services, attempt]);

  // While waiting (not on the home screen), the booking steps' public data comes to the device.
  useEffect(
    () => (client ? prefetchCatalogWhileWaiting(client, services.booking) : undefined),
    [client, services],
  );

  if (failed) {
    return (
      <Notice code={navigator.onLine ? "unknown" : "offline"} onRetry={() => setAttempt((n) => n + 1)} />
    );
  }
  if (!client) {
    return (
      <p class="loading" role="status">
        {t("app.loading")}
      </p>
    );
  }
  return (
    <QueueScreen
      client={client}
      eventId={eventId}
      events={events}
      alerts={alerts}
      lang={lang}
      t={t}
      onStartBooking={() => navigate("/booking")}
      onHome={() => navigate("/")}
      onJoinTap={askDurableStorage}
    />
  );
}
