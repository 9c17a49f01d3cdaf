import type { Reservation } from "../contract/types.ts";
import { DEFAULT_PREFERENCES } from "./defaults.ts";
import type { BookingDraft, CatalogCache, Preferences, Store, TicketRecord } from "./types.ts";

/** A copy keeps callers from mutating what is "stored", as with IndexedDB. Records are plain JSON. */
const copy = <T>(value: T): T => (value === null ? value : (JSON.parse(JSON.stringify(value)) as T));

/**
 * Store kept in memory (durable = false): for tests, the fleet simulation,
 * and the fallback when IndexedDB is unavailable (private mode).
 */
export function createMemoryStore(): Store {
  const tickets = new Map<string, TicketRecord>();
  const reservations = new Map<string, Reservation>();
  let draft: BookingDraft | null = null;
  let preferences: Preferences = DEFAULT_PREFERENCES;
  let catalog: CatalogCache | null = null;

  return {
    durable: false,
    getTicket: async (eventId) => copy(tickets.get(eventId) ?? null),
    getActiveTicket: async () => copy([...tickets.values()].find((t) => t.ended === null) ?? null),
    putTicket: async (ticket) => {
      tickets.set(ticket.eventId, copy(ticket));
    },
    // No await between the read and the write: atomic, like the IndexedDB transaction.
    claimJoin: async (candidate) => {
      const existing = tickets.get(candidate.eventId);
      if (existing && existing.ended === null) return copy(existing);
      tickets.set(candidate.eventId, copy(candidate));
      return copy(candidate);
    },
    deleteTicket: async (eventId) => {
      tickets.delete(eventId);
    },
    getDraft: async () => copy(draft),
    putDraft: async (next) => {
      draft = copy(next);
    },
    deleteDraft: async () => {
      draft = null;
    },
    listReservations: async () => copy([...reservations.values()]),
    putReservation: async (reservation) => {
      reservations.set(reservation.id, copy(reservation));
    },
    getPreferences: async () => copy(preferences),
    putPreferences: async (prefs) => {
      preferences = copy(prefs);
    },
    getCatalog: async () => copy(catalog),
    putCatalog: async (next) => {
      catalog = copy(next);
    },
  };
}
