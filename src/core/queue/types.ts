import type { Notice, QueueState } from "../contract/types.ts";
import type { KeptAdmission } from "../store/types.ts";

/**
 * What the waiting-room screen shows. `joining` covers both the first join
 * request and a pending join being retried after a reload; `idle` means this
 * device holds no ticket.
 */
/** `moved`: the ticket continues on another device (handoff); this one no longer polls. */
export type QueuePhase = "idle" | "joining" | QueueState | "error" | "moved";

/** App-side notice codes, beside the contract's problem codes. */
export type ClientNoticeCode =
  | "offline"
  | "storage_unavailable"
  | "invalid_response"
  | "network"
  | "timeout"
  /** A bug caught inside the client (a store or reducer throw); the place is kept and it tries again. */
  | "error";

/** A problem to show while the client keeps working (or stops, for terminal ones). */
export interface QueueNotice {
  /** A contract problem code (e.g. "overloaded", "invalid_token") or a ClientNoticeCode. */
  code: string;
  /** Server epoch ms of the next automatic attempt, when one is scheduled. */
  retryAt: number | null;
}

/**
 * Everything the waiting room renders. Times are SERVER epoch ms. Position
 * fields are as last reported; use projectPosition() for the smooth estimate.
 */
export interface QueueView {
  phase: QueuePhase;
  eventId: string | null;
  ticketId: string | null;
  number: number | null;
  servingNumber: number | null;
  ahead: number | null;
  servingRatePerSecond: number | null;
  etaSeconds: number | null;
  opensAt: number | null;
  /** Its token is null once a reservation was made under it (see KeptAdmission). */
  admission: KeptAdmission | null;
  /** Server time of the last good status, for "updated 12 s ago". */
  updatedAt: number | null;
  /** Server time of the next scheduled status request, or null. */
  nextCheckAt: number | null;
  /** What the app believes about connectivity. */
  online: boolean;
  /** false when storage is memory-only: a reload will lose the place. */
  durable: boolean;
  /** true when this tab is the device's poller; others mirror it. */
  leader: boolean;
  notice: QueueNotice | null;
  /** The operators' notice on the last status (contract v1.1), shown as text (absent from an older tab's view). */
  operatorNotice?: Notice | null;
  /**
   * For other tabs only. While joining: the join's Idempotency-Key, so that
   * tabs whose store failed (no shared atomic claim) settle on one key.
   */
  joinKey?: string | null;
  /** For other tabs only: how long until the server allows the next read (ms, measured when published). */
  floorInMs?: number | null;
}

/** Smoothly estimated position at a given server time, from the last status. */
export interface PositionEstimate {
  ahead: number | null;
  /** 0..1 of the way from joining to the front, or null when unknown. */
  progress: number | null;
  /** A range, because the serving rate varies. */
  eta: { minSeconds: number; maxSeconds: number } | null;
}

/** The waiting room's intents and state, as the UI sees them. */
export interface QueueClient {
  getView(): QueueView;
  /** Called with the new view on every change; returns an unsubscribe. */
  subscribe(listener: (view: QueueView) => void): () => void;
  /** Server time now, for countdowns (admission expiry, opening). */
  serverNow(): number;
  /** Estimate of position/progress/ETA at `serverNow` without a request. */
  project(serverNow: number): PositionEstimate;
  /** Load a saved ticket (never replacing it) and start polling. */
  resume(): Promise<void>;
  /** Take a ticket for an event, or resume the saved one for that event. */
  join(eventId: string): Promise<void>;
  /**
   * Leave the line for good (DELETE). Resolves once left; rejects with a
   * QueueLeaveError when the server refused or kept failing (the user is
   * still in line, the view says why, and may try again).
   */
  leave(): Promise<void>;
  /** The ticket now continues on another device (handoff): end it here as "moved" and stop polling. */
  moveAway(): Promise<void>;
  /**
   * A reservation was made under this admission (the booking wiring says so): the ticket stays,
   * admitted, but its ticket and admission tokens go from the device and nothing is read for it
   * again. No-op for another ticket or admission; safe to repeat.
   */
  admissionUsed(eventId: string, admission: KeptAdmission): Promise<void>;
  /** Forget an ended ticket (expired/left/closed/rejected/moved) so the user can start again. */
  dismiss(): Promise<void>;
  /** Lifecycle signals from the platform: connectivity and foreground. */
  setOnline(online: boolean): void;
  setVisible(visible: boolean): void;
  /** Page lifecycle: frozen (or in the back-forward cache) sends nothing; thawed re-checks once. */
  setFrozen(frozen: boolean): void;
  /** Whether the server has a push subscription for this ticket (a hidden page then reads rarely). */
  setPush(on: boolean): void;
  /**
   * A push woke us: read the status soon (spread, never before the server's floor). With
   * `admittedTicketId` (an "admitted" push for that ticket) the pollAfterSeconds floor is lifted once.
   */
  wake(admittedTicketId?: string): void;
  /** The live ticket's credentials, for its push subscription (null without a live ticket). */
  liveTicket(): { eventId: string; ticketId: string; token: string } | null;
  /** Stop all timers and requests (unmount, tab handover). */
  stop(): void;
}

/**
 * One poller per device (implemented in src/platform/tabs.ts with Web Locks /
 * BroadcastChannel). The leader tab polls and publishes every view; the other
 * tabs make no status requests and mirror what the leader publishes. A
 * follower that receives a user intent (join, leave, dismiss) performs it
 * itself — the shared store and the saved Idempotency-Key make that safe — and
 * publishes the resulting view; a leader that sees a remote view for another
 * ticket or phase reloads its state from the store. On becoming leader a tab
 * resumes from the store (never a second join).
 */
export interface TabsPort {
  isLeader(): boolean;
  /** Called when this tab gains or loses leadership; returns an unsubscribe. */
  onLeaderChange(listener: (leader: boolean) => void): () => void;
  /** Send this tab's view to the other tabs. */
  publish(view: QueueView): void;
  /** Views published by the other tabs; returns an unsubscribe. */
  onRemoteView(listener: (view: QueueView) => void): () => void;
}

/**
 * Called once per admission, in the tab that polls, when a status read first
 * shows it (not again when resume() finds an admission already saved).
 * The platform turns it into a notification, vibration, sound and title.
 */
export type AdmittedAlert = (view: QueueView) => void;

/** Why leave() did not leave: `code` is the notice the view shows; `cause` the last failure, if any. */
export class QueueLeaveError extends Error {
  readonly code: string;
  constructor(code: string, cause?: unknown) {
    super(`leaving the queue failed: ${code}`, cause === undefined ? undefined : { cause });
    this.name = "QueueLeaveError";
    this.code = code;
  }
}
