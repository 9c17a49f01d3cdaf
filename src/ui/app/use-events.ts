import { useCallback, useEffect, useState } from "preact/hooks";
import { ApiError } from "../../core/api/types.ts";
import type { BookingEvent } from "../../core/contract/types.ts";
import { useServices } from "./context.ts";

export type EventsState =
  | { kind: "loading" }
  | { kind: "ready"; events: BookingEvent[]; serverTime: string }
  /** The request failed: `code` says why; `saved` is the last list seen, if any, shown as of its time. */
  | { kind: "error"; code: string; saved: { events: BookingEvent[]; serverTime: string } | null };

/** Loads the event list; retries by hand, and by itself when the device comes back online. */
export function useEvents(): { state: EventsState; retry: () => void } {
  const { api, eventsCache } = useServices();
  const [state, setState] = useState<EventsState>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    setState((s) => (s.kind === "ready" ? s : { kind: "loading" }));
    api.listEvents({ signal: controller.signal }).then(
      (reply) => {
        eventsCache.save(reply.body);
        setState({ kind: "ready", events: reply.body.events, serverTime: reply.body.serverTime });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ kind: "error", code: errorCode(error), saved: eventsCache.load() });
      },
    );
    return () => controller.abort();
  }, [api, eventsCache, attempt]);

  useEffect(() => {
    addEventListener("online", retry);
    return () => removeEventListener("online", retry);
  }, [retry]);

  return { state, retry };
}

function errorCode(error: unknown): string {
  if (!navigator.onLine) return "offline";
  if (error instanceof ApiError) return error.code;
  return "network";
}
