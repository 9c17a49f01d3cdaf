/**
 * Types of the booking backend contract v1 (contract/openapi.yaml is the source
 * of truth; test/contract/decoders-match-openapi.test.ts holds these types and
 * the decoders to its schemas). Everything here describes data AFTER
 * validation by ./decode.ts.
 */

/** RFC 3339 timestamp with offset, e.g. "2021-07-19T20:00:00.000+09:00". */
export type Timestamp = string;
/** Calendar date "YYYY-MM-DD" (Asia/Seoul). */
export type DateString = string;
/** Local time "HH:MM" (Asia/Seoul). */
export type TimeString = string;

export interface LocalizedText {
  ko: string;
  en: string;
}

/** A short message from the operators (contract v1.1), at most 200 characters each; shown as text only. */
export type Notice = LocalizedText;

export type EventStatus = "upcoming" | "prequeue" | "open" | "closed";

export interface Cohort {
  birthYearFrom: number;
  birthYearTo: number;
}

export interface BookingEvent {
  id: string;
  name: LocalizedText;
  opensAt: Timestamp;
  closesAt: Timestamp;
  prequeueOpensAt: Timestamp | null;
  cohort: Cohort;
  status: EventStatus;
  /** v1.1: an operator notice; absent from a v1 server. */
  notice?: Notice | null;
}

export interface EventsResponse {
  events: BookingEvent[];
  serverTime: Timestamp;
}

export type QueueState = "prequeue" | "waiting" | "admitted" | "expired" | "left" | "closed";

export interface Admission {
  token: string;
  expiresAt: Timestamp;
}

export interface QueueStatus {
  state: QueueState;
  number: number | null;
  servingNumber: number;
  ahead: number | null;
  servingRatePerSecond: number;
  etaSeconds: number | null;
  pollAfterSeconds: number;
  opensAt: Timestamp;
  serverTime: Timestamp;
  /** Present only when state is "admitted". */
  admission?: Admission;
  /** v1.1: an operator notice; absent from a v1 server. */
  notice?: Notice | null;
}

export interface TicketRef {
  id: string;
  token: string;
}

export interface JoinResponse {
  ticket: TicketRef;
  status: QueueStatus;
}

export interface IdentityRequest {
  name: string;
  birthDate: DateString;
  phone: string;
}

export type IneligibleReason = "not_in_cohort" | "already_reserved";

export interface Identity {
  token: string;
  maskedName: string;
  birthYear: number;
  eligible: boolean;
  reason: IneligibleReason | null;
}

export interface IdentityResponse {
  identity: Identity;
}

export interface Region {
  code: string;
  name: LocalizedText;
}

export interface RegionsResponse {
  regions: Region[];
}

export interface Center {
  id: string;
  name: LocalizedText;
  region: string;
  address: LocalizedText;
}

export interface CentersResponse {
  centers: Center[];
}

export interface Slot {
  date: DateString;
  time: TimeString;
  remaining: number;
}

export interface SlotsResponse {
  slots: Slot[];
}

export interface ReservationRequest {
  identityToken: string;
  centerId: string;
  date: DateString;
  time: TimeString;
}

export interface Dose {
  date: DateString;
  time: TimeString;
}

export type ReservationStatus = "confirmed" | "cancelled";

export interface ReservationCenter {
  id: string;
  name: LocalizedText;
  address: LocalizedText;
}

export interface Reservation {
  id: string;
  code: string;
  accessToken: string;
  center: ReservationCenter;
  firstDose: Dose;
  secondDose: Dose;
  vaccine: string;
  status: ReservationStatus;
  createdAt: Timestamp;
}

export interface ReservationResponse {
  reservation: Reservation;
}

export interface TimeResponse {
  serverTime: Timestamp;
}

/** Stable machine codes the contract documents for problem responses. */
export type ProblemCode =
  | "validation_failed"
  | "invalid_token"
  | "rate_limited"
  | "overloaded"
  | "not_found"
  | "idempotency_key_reused"
  | "queue_closed"
  | "queue_not_open"
  | "admission_expired"
  | "not_eligible"
  | "slot_full"
  | "already_reserved"
  | "ticket_ended";

export interface FieldError {
  field: string;
  code: string;
}

/** RFC 9457 problem details as the contract uses them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** A documented ProblemCode, or an unknown string from a newer server. */
  code: string;
  errors?: FieldError[];
  /** Only with code "already_reserved". */
  reservationId?: string;
}

// --- v1.1 Web Push -----------------------------------------------------------------------------------------

/** GET /push/key: the VAPID application server key (base64url, uncompressed P-256 point). */
export interface PushKeyResponse {
  publicKey: string;
}

/** A browser's PushSubscriptionJSON, as PUT .../push sends it. */
export interface PushSubscription {
  endpoint: string;
  expirationTime?: number | null;
  keys: { p256dh: string; auth: string };
}

/** The body of PUT /events/{eventId}/tickets/{ticketId}/push. */
export interface PushSubscribeRequest {
  subscription: PushSubscription;
  lang?: "ko" | "en";
}

/** Push payload: the ticket is close to the front. Never a token or personal data. */
export interface PushNearFront {
  type: "near-front";
  eventId: string;
  ticketId: string;
  ahead: number;
  etaSeconds: number;
}

/** Push payload: admitted. No token: the client reads its status to get the admission. */
export interface PushAdmitted {
  type: "admitted";
  eventId: string;
  ticketId: string;
  expiresAt: Timestamp;
}
