import type { ApiClient } from "../core/api/types.ts";
import { createServerClock } from "../core/clock/server-clock.ts";
import type { Clock, ServerClock } from "../core/clock/types.ts";
import type { QueueClient } from "../core/queue/types.ts";
import type { Store } from "../core/store/types.ts";
import { createInterimApi } from "./interim-api.ts";
import { realClock } from "./real-clock.ts";

/**
 * Everything screens may use to reach data, created once by the composition
 * root (main.tsx) and handed to the UI through AppContext. Heavy parts (the
 * store, the queue client) are created on first use and code-split, so the
 * home screen stays within the weight budget.
 */
export interface Services {
  /** true when the API is the in-browser mock (shows the Demo badge). */
  readonly demo: boolean;
  readonly clock: Clock;
  readonly serverClock: ServerClock;
  readonly api: ApiClient;
  /** IndexedDB, or memory with `durable: false` when IndexedDB is unavailable. Opened once. */
  store(): Promise<Store>;
  /** The one queue client of this tab, created on first use. */
  queue(): Promise<QueueClient>;
  /** The queue client if it has been created already (no loading), else null. */
  queueIfLoaded(): QueueClient | null;
}

export interface ServiceOptions {
  demo: boolean;
  /** API base path or URL, e.g. "/api/v1". */
  apiBase: string;
}

export function createServices({ demo, apiBase }: ServiceOptions): Services {
  const clock = realClock;
  const serverClock = createServerClock(clock);
  const api = createInterimApi(apiBase);
  const once = <T>(make: () => Promise<T>): (() => Promise<T>) => {
    let p: Promise<T> | null = null;
    return () => {
      p ??= make();
      return p;
    };
  };
  const store = once(async () => (await import("../platform/open-store.ts")).openStore());
  let loadedQueue: QueueClient | null = null;
  const queue = once(async (): Promise<QueueClient> => {
    throw new Error("queue client not wired yet");
  });
  return {
    demo,
    clock,
    serverClock,
    api,
    store,
    queue: () =>
      queue().then((q) => {
        loadedQueue = q;
        return q;
      }),
    queueIfLoaded: () => loadedQueue,
  };
}
