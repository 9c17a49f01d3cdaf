import { useEffect, useState } from "preact/hooks";
import type { PositionEstimate, QueueClient, QueueView } from "../../core/queue/types.ts";

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
    const timer = setInterval(() => setNow(client.serverNow()), 1000);
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, [client]);

  return { view, now, estimate: client.project(now) };
}
