/**
 * Everything the model remembers, as plain JSON so a snapshot is just
 * JSON.stringify(state). Derived things (events, catalog) are rebuilt, not stored.
 */
import type { FaultConfig } from "./faults-types.ts";
import type { ScenarioName } from "./scenarios.ts";

export interface TicketRecord {
  id: string;
  eventId: string;
  joinedAt: number;
  /** Joined during the pre-queue window: its number comes from the shuffle at opening. */
  prequeue: boolean;
  /** Place in line; null until the pre-queue shuffle. */
  number: number | null;
  leftAt: number | null;
  /** An answer carrying this ticket's admission has been produced (for the bounce fault). */
  admissionDelivered: boolean;
}

/** A ticket's Web Push subscription (contract v1.1), as PUT by its client. */
export interface PushRecord {
  eventId: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  expirationTime: number | null;
  lang: "ko" | "en";
  /** The one near-front heads-up has been put in the outbox. */
  nearFrontSent: boolean;
}

export interface QueueRecord {
  /** The pre-queue has been shuffled (happens lazily on the first touch at or after opensAt). */
  sealed: boolean;
  /** Real tickets taken in the pre-queue window, in arrival order. */
  prequeueTicketIds: string[];
  /** How many real tickets joined after opening. */
  joinedAfterOpen: number;
}

export interface ReservationRecord {
  id: string;
  code: string;
  personKey: string;
  eventId: string;
  centerId: string;
  firstDose: { date: string; time: string };
  secondDose: { date: string; time: string };
  status: "confirmed" | "cancelled";
  createdAt: number;
}

export interface IdempotencyRecord {
  method: string;
  path: string;
  bodyKey: string;
  status: number;
  headers: Record<string, string>;
  body: string | null;
  storedAt: number;
}

export interface StatsRecord {
  requests: number;
  byRoute: Record<string, number>;
  statusCounts: Record<string, number>;
}

export interface ModelState {
  version: 1;
  scenario: ScenarioName;
  seed: number;
  speed: number;
  startedAt: number;
  /** HMAC secret (hex); kept so tokens stay valid across a snapshot. */
  secret: string;
  /** Seeded random generator state. */
  rng: number;
  tickets: Record<string, TicketRecord>;
  queues: Record<string, QueueRecord>;
  reservations: Record<string, ReservationRecord>;
  /** Reservation code -> reservation id, so codes stay unique. */
  reservationCodes: Record<string, string>;
  /** personKey -> id of the person's confirmed reservation. */
  activeByPerson: Record<string, string>;
  /** "centerId|date|time" -> confirmed real reservations in that slot. */
  slotBookings: Record<string, number>;
  idempotency: Record<string, IdempotencyRecord>;
  /** ticketId -> its push subscription; forgotten once `admitted` is sent or the ticket ends. */
  push: Record<string, PushRecord>;
  faults: FaultConfig;
  stats: StatsRecord;
  /** Requests counted in the current model-clock second, and the previous second's count. */
  load: { second: number; count: number; previous: number };
}

export function parseSnapshot(snapshot: string): ModelState {
  const value = JSON.parse(snapshot) as ModelState;
  if (value?.version !== 1 || typeof value.startedAt !== "number")
    throw new Error("not a mock backend snapshot");
  // Snapshots saved before push existed (a demo tab's storage) have none: start with none.
  value.push ??= {};
  return value;
}
