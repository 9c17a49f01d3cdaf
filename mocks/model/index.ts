/**
 * The mock booking backend: one transport-neutral model of the whole
 * contract (queue engine, tokens, idempotency, booking, faults, scenarios).
 * No MSW here: adapters in mocks/ put it behind MSW (browser, Node tests),
 * a real socket (mocks/server.ts) or a plain fetch (mocks/fetch.ts).
 */
import { createModelBackend } from "./backend.ts";
import type { Fault, FaultConfig, FaultMatch } from "./faults-types.ts";
import type { ScenarioName } from "./scenarios.ts";

export type { Fault, FaultConfig, FaultMatch, RetryAfterForm } from "./faults-types.ts";
export { NO_FAULTS } from "./faults-types.ts";
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
  /** Requests are applied one at a time, in call order. */
  handle(req: MockRequest): Promise<MockOutcome>;
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
