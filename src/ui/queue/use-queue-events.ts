import { useEffect, useState } from "preact/hooks";
import type { BookingEvent } from "../../core/contract/types.ts";
import { useServices } from "../app/context.ts";

/**
 * The events, so the waiting room can name the line it waits in: the list the
 * home screen last saw (no request), and only when that does not have
 * `eventId` (a shared link, a cleared cache) one quiet request for it.
 */
export function useQueueEvents(eventId: string | null): readonly BookingEvent[] {
  const { api, eventsCache } = useServices();
  const [events, setEvents] = useState(() => eventsCache.load()?.events ?? []);
  const known = eventId === null || events.some((e) => e.id === eventId);

  useEffect(() => {
    if (known) return;
    const controller = new AbortController();
    api.listEvents({ signal: controller.signal }).then(
      (reply) => {
        eventsCache.save(reply.body);
        setEvents(reply.body.events);
      },
      // Without the name the waiting room still works; it just does not say which line.
      () => undefined,
    );
    return () => controller.abort();
  }, [api, eventsCache, known]);
  return events;
}
