/**
 * The mock booking backend: one transport-neutral model of the whole
 * contract (queue engine, tokens, idempotency, booking, faults, scenarios).
 * No MSW here: adapters in mocks/ put it behind MSW (browser, Node tests),
 * a real socket (mocks/server.ts) or a plain fetch (mocks/fetch.ts).
 */
import { createModelBackend } from "./backend.ts";
import type { Fault, FaultConfig, FaultMatch } from "./faults-types.ts";
import type { PushMessage } from "./push/outbox.ts";
import type { ScenarioName } from "./scenarios.ts";

export type { Fault, FaultConfig, FaultMatch, RetryAfterForm } from "./faults-types.ts";
export { NO_FAULTS } from "./faults-types.ts";
export type { PushMessage, PushPayload } from "./push/outbox.ts";
export { NEAR_FRONT_PUSH_SECONDS } from "./push/outbox.ts";
export type { ScenarioName } from "./scenarios.ts";
export { isScenarioName, SCENARIO_NAMES } from "./scenarios.ts";

export interface BackendOptions {
  /** Default "calm". Ignored when `snapshot` is given (the snapshot holds its scenario). */
  scenario?: ScenarioName;
  /** Seeds every random choice (ids, shuffle, faults, the HMAC secret). Default 1. */
  seed?: number;
  /** The model clock, epoch ms. Default Date.now. */
  now?: () => number;
  /** Demo speed-up of the queue (admissions, arrivals, near-future openings); never warps the clock. Default 1. */
  speed?: number;
  /** Resume from `backend.snapshot()`. */
  snapshot?: string;
  /**
   * The VAPID application server key GET /push/key answers (base64url, uncompressed P-256 point).
   * The socket server makes a key pair per run and passes its public half; default: a fixed demo key
   * whose private half nobody keeps (the in-browser demo cannot reach a push service anyway).
   */
  pushPublicKey?: string;
  /** How a held read (`Prefer: wait`) waits, in model-clock ms. Default setTimeout; inject a fake clock's. */
  wait?: (ms: number) => Promise<void>;
}

/** A request as the model sees it. */
export interface MockRequest {
  method: string;
  /** Path and query, e.g. "/api/v1/centers?region=11" (a full URL also works). */
  url: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string | null;
}

export type MockOutcome =
  | {
      kind: "respond";
      status: number;
      headers: Record<string, string>;
      body: string | null;
      delayMs?: number;
    }
  /** No HTTP answer (connection reset); the request may or may not have been applied. */
  | { kind: "drop"; delayMs?: number }
  /** Never answers (clients time out). */
  | { kind: "hang" }
  /** Headers sent, body cut mid-way. */
  | { kind: "cut"; status: number; headers: Record<string, string>; partialBody: string; delayMs?: number };

/** A status read the model holds (`Prefer: wait`): answer it after `ms`, with Preference-Applied: wait=N. */
export interface HeldRead {
  kind: "hold";
  ms: number;
  waitSeconds: number;
}

export interface BackendStats {
  requests: number;
  /** By route, e.g. "GET /events/{id}/tickets/{id}". */
  byRoute: Record<string, number>;
  /** By status ("200", "503", ...) or outcome ("drop", "hang", "cut"). */
  statusCounts: Record<string, number>;
}

export interface BackendInspection {
  tickets: number;
  ticketsByEvent: Record<string, number>;
  reservations: number;
  activeReservations: number;
}

export interface Backend {
  /**
   * Requests are applied one at a time, in call order. A status read with `Prefer: wait=N` near the
   * front is held (outside that order, so others go on) until admission, closing or N seconds.
   */
  handle(req: MockRequest): Promise<MockOutcome>;
  /**
   * The Web Push messages due now (contract v1.1), each taken once: a transport sends them. Call it
   * often (the socket server does, every 250 ms); the model itself never sends anything.
   */
  takeDuePush(): Promise<PushMessage[]>;
  /**
   * handle() in two steps, for wrappers that must not hold their own lock across a held read
   * (the demo's persisted backend): the first step may answer "hold"; after waiting `ms`, call
   * step(req, waitSeconds) for the answer.
   */
  step(req: MockRequest, heldFor?: number): Promise<MockOutcome | HeldRead>;
  faults: {
    /** Inject a fault into the next matching request (a bounce waits for the next first admission). */
    once(match: FaultMatch, fault: Fault): void;
    /** Change standing fault settings (merged into the current ones). */
    configure(cfg: Partial<FaultConfig>): void;
    /** No faults at all from now on, including the scenario's. */
    clear(): void;
  };
  stats(): BackendStats;
  inspect(): BackendInspection;
  /** The whole state as a string, for `createBackend({ snapshot })` or `load`. */
  snapshot(): string;
  /** Replace the state with a snapshot (e.g. one another tab saved). */
  load(snapshot: string): void;
  /** The model-clock instant the backend (and its scenario timeline) started. */
  startedAt(): number;
  readonly scenario: ScenarioName;
}

export function createBackend(opts: BackendOptions = {}): Backend {
  return createModelBackend(opts);
}
