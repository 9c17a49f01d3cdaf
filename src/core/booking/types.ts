import type { Center, Dose, IneligibleReason, Region, Reservation, Slot } from "../contract/types.ts";
import type { KeptAdmission } from "../store/types.ts";
import type { IdentityField, IdentityFieldErrors, IdentityInput } from "./identity-validation.ts";

/**
 * Where the booking flow is. `identity` → `center` → `slot` → `confirm` →
 * `done`; `ineligible` after an identity the server refused; `expired` once
 * the admission window has passed; `none` when there is no admission/draft.
 */
export type BookingStep =
  | "loading"
  | "none"
  | "identity"
  | "ineligible"
  | "center"
  | "slot"
  | "confirm"
  | "done"
  | "expired";

/** What is in flight, so the UI can show progress on the right control. */
export type BookingBusy = "identity" | "catalog" | "slots" | "confirm" | "reservation" | "cancel" | null;

/**
 * App-side notice codes, beside the contract's problem codes (slot_full,
 * admission_expired, already_reserved, not_eligible, invalid_token,
 * validation_failed, rate_limited, overloaded, not_found, …).
 * - outcome_unknown: the confirm was sent but no answer came back; it will be
 *   replayed with the same Idempotency-Key (never a new one).
 * - retry_after_window: as outcome_unknown, but the server's Retry-After ends
 *   after the admission window: the replay waits for it all the same.
 */
export type BookingNoticeCode =
  | "offline"
  | "network"
  | "timeout"
  | "invalid_response"
  | "storage_unavailable"
  | "outcome_unknown"
  | "retry_after_window"
  | (string & {});

export interface BookingNotice {
  code: string;
  /** Server epoch ms of the next automatic attempt, when one is scheduled. */
  retryAt: number | null;
}

/** Everything the booking and reservation screens render. Times are SERVER epoch ms. */
export interface BookingView {
  step: BookingStep;
  eventId: string | null;
  /** Server epoch ms when the admission ends; null without an admission. */
  expiresAt: number | null;
  identity: IdentityInput;
  fieldErrors: IdentityFieldErrors;
  maskedName: string | null;
  ineligibleReason: IneligibleReason | null;
  /** All regions (17 시도), from the device cache or the server. */
  regions: Region[] | null;
  regionCode: string | null;
  /** Centers of the chosen region (unfiltered). */
  centers: Center[] | null;
  centerQuery: string;
  /** `centers` filtered by `centerQuery`. */
  centerMatches: Center[];
  centerId: string | null;
  center: Center | null;
  slots: Slot[] | null;
  slotRange: { from: string; to: string } | null;
  date: string | null;
  time: string | null;
  /** What the server is expected to set for dose 2 (label it "expected"). */
  secondDoseExpected: Dose | null;
  busy: BookingBusy;
  /** A confirm was sent and its outcome is not known yet; it is replayed with the same key. */
  confirmPending: boolean;
  notice: BookingNotice | null;
  /** The reservation just made (step done) or opened from the list. */
  reservation: Reservation | null;
  /** For already_reserved: the existing reservation when this device has it. */
  existingReservation: Reservation | null;
  /** Every reservation kept on this device, newest first. */
  reservations: Reservation[];
  online: boolean;
  /** false when storage is memory-only: a reload would lose the draft. */
  durable: boolean;
}

/** The booking flow's and the reservations' intents, as the UI sees them. */
export interface BookingClient {
  getView(): BookingView;
  /** Called with the new view on every change; returns an unsubscribe. */
  subscribe(listener: (view: BookingView) => void): () => void;
  /** Server time now, for the admission countdown. */
  serverNow(): number;

  /** Fetch regions and every center into the device cache (public; fine while waiting). */
  prefetchCatalog(): Promise<void>;
  /**
   * Book under this admission: resumes the saved draft for it (and a confirm
   * whose outcome is unknown), or starts a new one.
   */
  start(admission: KeptAdmission, eventId: string): Promise<void>;
  /** Resume whatever draft the device holds (after a reload), without knowing the admission. */
  resume(): Promise<void>;
  setIdentity(fields: Partial<IdentityInput>): void;
  submitIdentity(): Promise<void>;
  chooseRegion(code: string): Promise<void>;
  setCenterQuery(query: string): void;
  chooseCenter(centerId: string): Promise<void>;
  /** Load slots for a date range (YYYY-MM-DD, inclusive); defaults to two weeks from today. */
  loadSlots(from?: string, to?: string): Promise<void>;
  chooseSlot(date: string, time: string): Promise<void>;
  /** Go back to an earlier step to change something (not while a confirm is pending). */
  goTo(step: "identity" | "center" | "slot"): void;
  /** Make the reservation exactly once; safe to call again (it replays the same key). */
  confirm(): Promise<void>;
  dismissNotice(): void;

  /** Load the reservations kept on this device. */
  loadReservations(): Promise<void>;
  /** Show one reservation from the device, then refresh it from the server. */
  openReservation(id: string): Promise<void>;
  refreshReservation(id: string): Promise<void>;
  /** Cancel (DELETE); cancelling twice is fine. */
  cancelReservation(id: string): Promise<void>;

  setOnline(online: boolean): void;
  /** Stop timers and requests (unmount, reload). */
  stop(): void;
}

export type { IdentityField };
