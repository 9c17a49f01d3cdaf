import { EventsResponse as decodeEvents } from "../core/contract/decode-common.ts";
import type { EventsResponse } from "../core/contract/types.ts";

const KEY = "jari.events";

/** The last event list the server sent, so the home screen has something to show offline. */
export interface EventsCache {
  load(): EventsResponse | null;
  save(events: EventsResponse): void;
}

/** localStorage-backed (public, non-personal data); anything unreadable counts as nothing saved. */
export const localEventsCache: EventsCache = {
  load() {
    try {
      const raw = localStorage.getItem(KEY);
      return raw === null ? null : decodeEvents(JSON.parse(raw));
    } catch {
      return null;
    }
  },
  save(events) {
    try {
      localStorage.setItem(KEY, JSON.stringify(events));
    } catch {
      // Private mode or full storage: offline the home screen just has less to show.
    }
  },
};
