import { createTransport } from "../core/api/transport.ts";
import type { ApiClient, PushApi } from "../core/api/types.ts";
import type { BookingClient } from "../core/booking/types.ts";
import type { Clock, Random, ServerClock } from "../core/clock/types.ts";
import type { QueueClient } from "../core/queue/types.ts";
import type { Store } from "../core/store/types.ts";
import type { Lang } from "../i18n/core.ts";
import type { AlertControls } from "../ui/queue/alert-controls.ts";
import { type EventsCache, localEventsCache } from "./events-cache.ts";
import { lazyApi } from "./lazy-api.ts";
import { lazyServerClock } from "./lazy-server-clock.ts";
import { realClock } from "./real-clock.ts";

/** What the lazily wired clients are built from. */
export interface CoreDeps {
  clock: Clock;
  serverClock: ServerClock;
  api: ApiClient & PushApi;
  store(): Promise<Store>;
}

/**
 * Everything screens may use to reach data, created once by the composition
 * root (main.tsx) and handed to the UI through AppContext (useServices()).
 * The store and the clients are created on first use and code-split, so the
 * home screen stays within the weight budget; each exists once per tab.
 */
export interface Services extends CoreDeps {
  /** true when the API is the in-browser mock (shows the Demo badge). */
  readonly demo: boolean;
  /** Jitter for the UI's own waits (e.g. re-fetching when back online). */
  readonly random: Random;
  /** The last event list seen, for the home screen offline. */
  readonly eventsCache: EventsCache;
  /** The waiting room's client (polling, durable ticket, tabs, lifecycle). */
  queue(): Promise<QueueClient>;
  /** The queue client if already created, else null (never starts loading). */
  queueIfLoaded(): QueueClient | null;
  /** The your-turn alert settings for the queue screen. */
  alerts(): Promise<AlertControls>;
  /** The booking flow and the reservations kept on the device. */
  booking(): Promise<BookingClient>;
  /** The booking client if already created, else null. */
  bookingIfLoaded(): BookingClient | null;
}

export interface ServiceOptions {
  demo: boolean;
  /** API base path or URL, e.g. "/api/v1". */
  apiBase: string;
  /** The current UI language (for system notifications). */
  lang: () => Lang;
}

export function createServices({ demo, apiBase, lang }: ServiceOptions): Services {
  const clock = realClock;
  // The estimator loads with the first client that needs it; until then samples are only kept.
  const serverClock = lazyServerClock(
    clock,
    async () => (await import("../core/clock/server-clock.ts")).createServerClock,
  );
  const transport = createTransport({
    fetch: (url, init) => fetch(url, init),
    baseUrl: apiBase,
    clock,
    onClockSample: (sample) => serverClock.observe(sample),
  });
  const api = lazyApi(
    transport,
    once(async () => (await import("../core/api/client.ts")).apiOver(transport)),
  );
  const store = once(async () => (await import("../platform/open-store.ts")).openStore());
  const deps: CoreDeps = { clock, serverClock, api, store };

  // Both clients run on server time: their wiring waits for the clock estimator too.
  const withClock = <T>(wire: Promise<T>): Promise<T> => serverClock.ready().then(() => wire);
  const queueParts = once(async () => (await withClock(import("./wire-queue.ts"))).wireQueue(deps, lang));
  const booking = once(async () => (await withClock(import("./wire-booking.ts"))).wireBooking(deps));

  return {
    ...deps,
    demo,
    // Not ids.ts's: importing it here would pull its UUID code into the first screen.
    random: () => Math.random(),
    eventsCache: localEventsCache,
    queue: async () => (await queueParts()).queue,
    queueIfLoaded: () => queueParts.value?.queue ?? null,
    alerts: async () => (await queueParts()).alerts,
    booking,
    bookingIfLoaded: () => booking.value ?? null,
  };
}

/** A lazy, shared async value; `.value` once it has resolved. */
function once<T>(make: () => Promise<T>): (() => Promise<T>) & { value?: T } {
  let pending: Promise<T> | null = null;
  const get = (() => {
    pending ??= make().then(
      (v) => {
        get.value = v;
        return v;
      },
      (error: unknown) => {
        // A failed chunk load (offline) may succeed later: let the next call try again.
        pending = null;
        throw error;
      },
    );
    return pending;
  }) as (() => Promise<T>) & { value?: T };
  return get;
}
