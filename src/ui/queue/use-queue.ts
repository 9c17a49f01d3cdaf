import { useEffect, useState } from "preact/hooks";
import { realClock } from "../../app/real-clock.ts";
import type { PositionEstimate, QueueClient, QueueView } from "../../core/queue/types.ts";
import { every } from "../components/every.ts";

export interface QueueSnapshot {
  view: QueueView;
  /** Server time of this render, for countdowns and "updated … ago". */
  now: number;
  /** Smooth position/ETA at `now`, estimated without a request. */
  estimate: PositionEstimate;
}

/** Follows the client's view and re-renders every second for the countdowns and the smooth estimate. */
export function useQueue(client: QueueClient): QueueSnapshot {
  const [view, setView] = useState(() => client.getView());
  const [now, setNow] = useState(() => client.serverNow());

  useEffect(() => {
    setView(client.getView());
    const unsubscribe = client.subscribe((next) => {
      setView(next);
      setNow(client.serverNow());
    });
    const stop = every(realClock, 1000, () => setNow(client.serverNow()));
    return () => {
      unsubscribe();
      stop();
    };
  }, [client]);

  return { view, now, estimate: client.project(now) };
}
