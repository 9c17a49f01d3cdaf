import type { Admission, Center, Notice, Region, Reservation } from "../contract/types.ts";

/**
 * An admission as kept on the device. The token is a secret needed only to book under it: it is
 * null once a reservation was made under it or its ticket ended (see ./admission.ts). `mark`, a
 * non-secret fingerprint of the token, is kept with a null token so the admission can still be
 * recognised; it is absent while the token is there. A live Admission from the server is one.
 */
export type KeptAdmission = Omit<Admission, "token"> & { token: string | null; mark?: string };

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
  /** Gone (null) once the ticket ended or its admission was used: see ./admission.ts. */
  ticketToken: string | null;
  /** Device time the join was first attempted. */
  createdAt: number;
  /** Last status seen from the server, kept for offline display and resume. */
  lastStatus: StoredStatus | null;
  /** Saved before it is shown (bounce guard). Its token goes with the ticket token. */
  admission: KeptAdmission | null;
  /** Device time before which no status request may be sent (persisted politeness). */
  nextPollAt: number;
  /** Terminal states are kept so the user sees how it ended, until dismissed ("moved": continued on another device). */
  ended: "expired" | "left" | "closed" | "rejected" | "moved" | null;
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
  /** The operators' notice that came with it (contract v1.1); absent in records saved before. */
  notice?: Notice | null;
}

/** What the user entered on the way to a reservation; personal fields are deleted when done. */
export interface BookingDraft {
  eventId: string;
  /**
   * The admission this draft books under. Its token goes once the booking completed, or the
   * admission ended with no confirm in doubt (a confirm in doubt keeps it to replay under it).
   */
  admission: KeptAdmission;
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
  /** Keep the screen on while waiting (Screen Wake Lock). Optional: added later. */
  keepAwake?: boolean;
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
