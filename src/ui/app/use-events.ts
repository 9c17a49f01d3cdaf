import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../../core/api/types.ts";
import { type Cancel, later } from "../../core/clock/timer.ts";
import type { BookingEvent } from "../../core/contract/types.ts";
import { useServices } from "./context.ts";

export type EventsState =
  | { kind: "loading" }
  | { kind: "ready"; events: BookingEvent[]; serverTime: string }
  /** The request failed: `code` says why; `saved` is the last list seen, if any, shown as of its time. */
  | { kind: "error"; code: string; saved: { events: BookingEvent[]; serverTime: string } | null };

/**
 * Coming back online, every phone on a network that just returned would ask at
 * the same instant: each waits a random 0–ONLINE_SPREAD_MS first.
 */
export const ONLINE_SPREAD_MS = 5_000;

/**
 * Loads the event list; retries by hand, and by itself (jittered) when the
 * device comes back online. A Retry-After holds both: `waitSeconds` counts it
 * down for the "Try again" button, which does nothing until it reaches 0.
 */
export function useEvents(): { state: EventsState; retry: () => void; waitSeconds: number } {
  const { api, eventsCache, clock, random } = useServices();
  const [state, setState] = useState<EventsState>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [waitSeconds, setWaitSeconds] = useState(0);
  // Monotonic ms before which the server asked not to be asked again (Retry-After).
  const notBefore = useRef(0);
  const heldFor = () => Math.max(0, notBefore.current - clock.monotonic());
  const retry = useCallback(() => {
    if (heldFor() <= 0) setAttempt((n) => n + 1);
  }, [clock]);

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
        const wait = retryAfterMs(error);
        if (wait > 0) notBefore.current = clock.monotonic() + wait;
        setState({ kind: "error", code: errorCode(error), saved: eventsCache.load() });
      },
    );
    return () => controller.abort();
  }, [api, eventsCache, attempt, clock]);

  // The countdown: one timer per displayed second, each through later() (any length is safe).
  useEffect(() => {
    if (state.kind !== "error") return;
    let cancel: Cancel = () => {};
    const tick = () => {
      const left = heldFor();
      const seconds = Math.ceil(left / 1000);
      setWaitSeconds(seconds);
      if (seconds > 0) cancel = later(clock, left - (seconds - 1) * 1000, tick);
    };
    tick();
    return () => cancel();
  }, [state, clock]);

  useEffect(() => {
    let cancel: Cancel = () => {};
    const onOnline = () => {
      cancel();
      cancel = later(clock, heldFor() + random() * ONLINE_SPREAD_MS, () => setAttempt((n) => n + 1));
    };
    addEventListener("online", onOnline);
    return () => {
      removeEventListener("online", onOnline);
      cancel();
    };
  }, [clock, random]);

  return { state, retry, waitSeconds };
}

/** The server's Retry-After in ms (0 when it gave none). */
function retryAfterMs(error: unknown): number {
  if (!(error instanceof ApiError) || error.failure.kind !== "http") return 0;
  return error.failure.retryAfterMs ?? 0;
}

function errorCode(error: unknown): string {
  if (!navigator.onLine) return "offline";
  if (error instanceof ApiError) return error.code;
  return "network";
}
