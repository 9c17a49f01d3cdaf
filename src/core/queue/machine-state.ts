import type { Random } from "../clock/types.ts";
import type { BookingEvent, JoinResponse, QueueStatus } from "../contract/types.ts";
import { type BackoffState, INITIAL_BACKOFF } from "../net/backoff.ts";
import type { KeptAdmission, TicketRecord } from "../store/types.ts";
import type { QueueNotice, QueueView } from "./types.ts";

/** The waiting room's state, events and effects (see ./machine.ts), and small helpers on them. */

/** The kinds of request the waiting room makes. */
export type Op = "join" | "status" | "leave" | "events";

export interface MachineState {
  /** false until resume() or join() has read the store. */
  loaded: boolean;
  record: TicketRecord | null;
  online: boolean;
  visible: boolean;
  /** The page is frozen (page lifecycle `freeze`, or put in the back-forward cache): nothing is sent. */
  frozen: boolean;
  /** A push subscription for this ticket is on the server: a hidden page is woken by the push. */
  push: boolean;
  /** The server has held a read for us (Preference-Applied) in this session. */
  holdsReads: boolean;
  /** How long the server held the last status read (ms), or null when it did not hold it. */
  lastHeldMs: number | null;
  /** This tab is the device's poller. */
  leader: boolean;
  durable: boolean;
  /** Storage failed during this session (we fell back to memory). */
  storageFailed: boolean;
  /** Requests in flight; at most one of each. */
  inFlight: Op[];
  /** The next request and the device time it is due. */
  next: { op: Op; at: number } | null;
  /** Device time before which the server does not want to hear from us (pollAfter / Retry-After). */
  allowedAt: number;
  /**
   * The same floor on the monotonic clock (ctx.mono), or null. The device
   * clock may jump forward at any moment and bring allowedAt (and a reload
   * from the store) earlier than the server allowed; this one cannot move.
   */
  floorMono: number | null;
  backoff: BackoffState;
  /** The last transient problem (cleared by the next success). */
  notice: QueueNotice | null;
  /** The user asked to leave; the DELETE is pending. */
  leaving: boolean;
  /** A join this tab was asked for (a follower may send it; it never polls). */
  ownsJoin: boolean;
  /** This tab planned a new join and has not sent it yet: only then may it still change its key. */
  joinUnsent: boolean;
  /** Admission token already announced, so onAdmitted fires once per admission. */
  alerted: string | null;
  /** When this tab last sent a status read (ctx.mono), or null: the one floor an admitted push keeps. */
  lastReadMono: number | null;
  /** The ticket an admitted push already brought a read forward for (once per ticket). */
  turnPushed: string | null;
  /** The leader's last published view, for followers. */
  mirror: QueueView | null;
}

/** Read once per transition from the runner's injected clock, server clock and random source. */
export interface Ctx {
  now: number;
  serverNow: number;
  random: Random;
  /** The monotonic clock (Clock.monotonic); without it no monotonic floor is kept. */
  mono?: number;
  /** false while serverNow is only the device clock (no sample yet): nothing may expire on it. */
  serverTimeKnown?: boolean;
}

export type QueueEvent =
  /** `joinGraceMs`: another tab is joining right now; take its pending join over only if it goes quiet. */
  | { type: "loaded"; record: TicketRecord | null; durable: boolean; joinGraceMs?: number }
  | { type: "join"; eventId: string; joinKey: string; existing: TicketRecord | null }
  | { type: "joined"; response: JoinResponse }
  /** `heldMs`: the server held this read (Prefer: wait) that long. */
  | { type: "status"; status: QueueStatus; ticketId: string; heldMs?: number }
  | { type: "events"; events: BookingEvent[] }
  | { type: "left" }
  | { type: "failed"; op: Op; error: unknown }
  | { type: "tick" }
  /** The device clock was set back while we waited (a timer fired "early" by `byMs` < 0). */
  | { type: "clock_jumped"; byMs: number }
  | { type: "online"; online: boolean }
  | { type: "visible"; visible: boolean }
  | { type: "frozen"; frozen: boolean }
  | { type: "push"; on: boolean }
  /**
   * A push arrived: read the status soon (the admission itself comes from the read). `admitted`:
   * the server pushed "admitted" for this ticket, which may bring one read before its pollAfterSeconds.
   */
  | { type: "wake"; admitted?: string }
  | { type: "leader"; leader: boolean }
  | { type: "leave" }
  | { type: "moved" }
  /** A reservation was made under this admission (the booking says so): its tokens go, no more reads. */
  | { type: "admission_used"; eventId: string; admission: KeptAdmission }
  | { type: "dismiss" }
  | { type: "storage_failed" }
  | { type: "remote_view"; view: QueueView };

export type Request =
  | { op: "join"; eventId: string; joinKey: string }
  | { op: "leave"; eventId: string; ticketId: string; token: string }
  /** `hold`: ask the server to hold the read until the state changes (near the front). */
  | { op: "status"; eventId: string; ticketId: string; token: string; hold: boolean }
  | { op: "events" };

export type Effect =
  /** `joined`: the record a join's answer made; another tab may already hold it further along. */
  | { type: "save"; record: TicketRecord; joined?: true }
  | { type: "delete"; eventId: string }
  | { type: "request"; request: Request }
  | { type: "alert" }
  /** The leader learned that another tab changed the ticket: re-read the store. */
  | { type: "reload"; joinGraceMs: number };

export interface Transition {
  state: MachineState;
  effects: Effect[];
}

/** After coming back online or to the foreground: one check within this spread (never before allowedAt). */
export const RECHECK_SPREAD_MS = 3_000;
/**
 * A saved "not before" further away than this is distrusted (the device clock was changed). It is
 * the longest floor the contract allows (Retry-After up to 3600 s) plus a minute: anything shorter
 * would let a reload cut an in-bound Retry-After short.
 */
export const MAX_SAVED_WAIT_MS = 61 * 60_000;
/** After a restart: a small spread so a crowd restarting together does not ask together. */
export const RESUME_SPREAD_MS = 1_000;
/** A follower's join in flight gets this long (> a request timeout) before the leader sends it too. */
export const JOIN_GRACE_MS = 15_000;
/**
 * A join planned on a failed store (per-tab memory, no shared atomic claim) waits this long, so tabs
 * joining together see each other's published key first and all send the smallest one.
 */
export const MEMORY_JOIN_GRACE_MS = 300;
/** Status reads of one ticket from one tab are at least this far apart on the monotonic clock. */
export const MIN_STATUS_GAP_MS = 1_000;
/**
 * A saved floor that is this recent is honored with this margin after a
 * reload: the saved time is device time, and a clock adjusted by up to this
 * much since must not bring the next request earlier than the server said.
 */
export const RESUME_CLOCK_MARGIN_MS = 1_000;
/** When a queue is about to open: join within this spread after opening. */
export const OPEN_SPREAD_MS = 5_000;

export function initialState(leader: boolean): MachineState {
  return {
    loaded: false,
    record: null,
    online: true,
    visible: true,
    frozen: false,
    push: false,
    holdsReads: false,
    lastHeldMs: null,
    leader,
    durable: true,
    storageFailed: false,
    inFlight: [],
    next: null,
    allowedAt: 0,
    floorMono: null,
    backoff: INITIAL_BACKOFF,
    notice: null,
    leaving: false,
    ownsJoin: false,
    joinUnsent: false,
    alerted: null,
    lastReadMono: null,
    turnPushed: null,
    mirror: null,
  };
}

export const parseTime = (value: string, fallback: number): number => {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? fallback : ms;
};

/** Admission expiry in server ms, or null. */
export function admissionExpiresAt(record: TicketRecord | null): number | null {
  if (!record?.admission) return null;
  const at = Date.parse(record.admission.expiresAt);
  return Number.isNaN(at) ? null : at;
}

export const isActive = (record: TicketRecord | null): record is TicketRecord & { ended: null } =>
  record !== null && record.ended === null;

/** Raises the monotonic floor to `ms` from now (no-op without a monotonic clock in ctx). */
export const raiseFloor = (floorMono: number | null, ms: number, ctx: Ctx): number | null =>
  ctx.mono === undefined ? floorMono : Math.max(floorMono ?? Number.NEGATIVE_INFINITY, ctx.mono + ms);

export const done = (state: MachineState, inFlightOp: Op): MachineState => ({
  ...state,
  inFlight: state.inFlight.filter((op) => op !== inFlightOp),
});

export const save = (state: MachineState, record: TicketRecord, effects: Effect[] = []): Transition => ({
  state: { ...state, record },
  effects: [...effects, { type: "save", record }],
});
