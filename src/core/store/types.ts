import type { Admission, Center, Region, Reservation } from "../contract/types.ts";

/**
 * A ticket as kept on the device. Written BEFORE any position is shown; a
 * pending join (ticketId null) is written before the first join request so a
 * lost response is retried with the same Idempotency-Key, even after a reload.
 */
export interface TicketRecord {
  eventId: string;
  /** Idempotency-Key of the join that made (or will make) this ticket. */
  joinKey: string;
  ticketId: string | null;
  ticketToken: string | null;
  /** Device time the join was first attempted. */
  createdAt: number;
  /** Last status seen from the server, kept for offline display and resume. */
  lastStatus: StoredStatus | null;
  /** Saved before it is shown (bounce guard). */
  admission: Admission | null;
  /** Device time before which no status request may be sent (persisted politeness). */
  nextPollAt: number;
  /** Terminal states are kept so the user sees how it ended, until dismissed. */
  ended: "expired" | "left" | "closed" | "rejected" | null;
  /** servingNumber when this ticket first had a place: the start of its progress bar. Optional (added later). */
  firstServingNumber?: number | null;
}

/** The QueueStatus fields worth keeping, with the server time they were true at. */
export interface StoredStatus {
  state: "prequeue" | "waiting" | "admitted" | "expired" | "left" | "closed";
  number: number | null;
  servingNumber: number;
  ahead: number | null;
  servingRatePerSecond: number;
  etaSeconds: number | null;
  opensAt: string;
  /** Server epoch ms at which this status was true. */
  observedAt: number;
}

/** What the user entered on the way to a reservation; personal fields are deleted when done. */
export interface BookingDraft {
  eventId: string;
  /** The admission this draft books under. */
  admission: Admission;
  name: string;
  birthDate: string;
  phone: string;
  identityKey: string | null;
  identityToken: string | null;
  maskedName: string | null;
  regionCode: string | null;
  centerId: string | null;
  date: string | null;
  time: string | null;
  /** Created and saved before the first confirm attempt; reused on every retry. */
  reservationKey: string | null;
  /**
   * Set when the booking under this admission completed (the personal fields are
   * then empty): opening the booking again shows that reservation, not a new form.
   */
  completedReservationId?: string | null;
  updatedAt: number;
}

/** Non-personal preferences kept across sessions. */
export interface Preferences {
  birthYear: number | null;
  lastRegionCode: string | null;
  lastCenterId: string | null;
  lang: "ko" | "en" | null;
  notify: boolean;
  sound: boolean;
}

/** Catalog data fetched while waiting and kept for offline use. */
export interface CatalogCache {
  regions: Region[] | null;
  centers: Center[] | null;
  fetchedAt: number;
}

/**
 * Durable storage as core sees it. The browser implementation is IndexedDB
 * (src/platform/idb-store.ts); tests and the fleet use the in-memory one.
 * All methods reject only for storage failures.
 */
export interface Store {
  /** false when backed by memory because IndexedDB is unavailable (private mode). */
  readonly durable: boolean;
  getTicket(eventId: string): Promise<TicketRecord | null>;
  /** The one active (not ended) ticket, if any; a device waits in one line at a time. */
  getActiveTicket(): Promise<TicketRecord | null>;
  putTicket(ticket: TicketRecord): Promise<void>;
  /**
   * Claims the join for `candidate.eventId` atomically (one IndexedDB
   * transaction): returns the active ticket already stored for that event
   * (another tab's pending join or ticket), or stores `candidate` and returns
   * it. Two tabs tapping Join together thus share one Idempotency-Key.
   */
  claimJoin(candidate: TicketRecord): Promise<TicketRecord>;
  deleteTicket(eventId: string): Promise<void>;
  getDraft(): Promise<BookingDraft | null>;
  putDraft(draft: BookingDraft): Promise<void>;
  deleteDraft(): Promise<void>;
  listReservations(): Promise<Reservation[]>;
  putReservation(reservation: Reservation): Promise<void>;
  getPreferences(): Promise<Preferences>;
  putPreferences(prefs: Preferences): Promise<void>;
  getCatalog(): Promise<CatalogCache | null>;
  putCatalog(catalog: CatalogCache): Promise<void>;
}
