import type { ApiClient, ApiReply, CallOptions } from "../../src/core/api/types.ts";
import { ApiError } from "../../src/core/api/types.ts";
import { createServerClock } from "../../src/core/clock/server-clock.ts";
import type { Clock } from "../../src/core/clock/types.ts";
import type { JoinResponse, QueueStatus } from "../../src/core/contract/types.ts";
import { createQueueClient } from "../../src/core/queue/client.ts";
import type { AdmittedAlert, QueueClient } from "../../src/core/queue/types.ts";
import { createMemoryStore } from "../../src/core/store/memory-store.ts";
import type { Store } from "../../src/core/store/types.ts";
import type { FakeClock } from "./fake-clock.ts";
import { seededIds, seededRandom } from "./seeded.ts";

/** One call the stub saw, in the fake clock's TRUE time. */
export interface StubCall {
  op: "join" | "status" | "leave" | "events";
  at: number;
  key?: string;
}

/** What the stub answers a call with: a body, or a thrown error (an ApiError, or a bug). */
export type StubAnswer<T> = { body: T } | { error: unknown };

export interface StubQueueApi {
  api: ApiClient;
  calls: StubCall[];
  /** Replace how each queue call is answered (default: waiting, pollAfterSeconds 10). */
  onStatus: (n: number) => StubAnswer<QueueStatus>;
  onJoin: (n: number) => StubAnswer<JoinResponse>;
  onLeave: (n: number) => StubAnswer<null>;
  count(op: StubCall["op"]): number;
}

/** A plausible waiting status at `serverNow` (server time = true time here). */
export function waitingStatus(serverNow: number, extra: Partial<QueueStatus> = {}): QueueStatus {
  return {
    state: "waiting",
    number: 1010,
    servingNumber: 1000,
    ahead: 10,
    servingRatePerSecond: 1,
    etaSeconds: 10,
    pollAfterSeconds: 10,
    opensAt: new Date(serverNow - 3_600_000).toISOString(),
    serverTime: new Date(serverNow).toISOString(),
    ...extra,
  };
}

/** An HTTP problem as the real api client would throw it (Retry-After already parsed, unbounded). */
export function httpError(status: number, code: string, retryAfterMs: number | null = null): ApiError {
  return new ApiError({
    kind: "http",
    status,
    problem: { type: "about:blank", title: code, status, code },
    retryAfterMs,
  });
}

/**
 * An ApiClient for the waiting room only, answered by scripts instead of the
 * model: it lets a test hand the queue client what no decoder or Retry-After
 * parser would let through (so it tests the client's own guards).
 */
export function createStubQueueApi(clock: FakeClock): StubQueueApi {
  const calls: StubCall[] = [];
  const reply = async <T>(answer: StubAnswer<T>, opts?: CallOptions): Promise<ApiReply<T>> => {
    await Promise.resolve();
    if (opts?.signal?.aborted) throw new ApiError({ kind: "aborted" });
    if ("error" in answer) throw answer.error;
    return { body: answer.body, status: 200, replayed: false };
  };
  const unsupported = (): never => {
    throw new Error("not used by the waiting room");
  };
  const stub: StubQueueApi = {
    calls,
    onStatus: () => ({ body: waitingStatus(clock.trueNow()) }),
    onJoin: () => ({
      body: { ticket: { id: "t1", token: "tok1" }, status: waitingStatus(clock.trueNow()) },
    }),
    onLeave: () => ({ body: null }),
    count: (op) => calls.filter((c) => c.op === op).length,
    api: {
      getTime: unsupported,
      listEvents: unsupported,
      joinQueue(_eventId, key, opts) {
        calls.push({ op: "join", at: clock.trueNow(), key });
        return reply(stub.onJoin(stub.count("join")), opts);
      },
      getTicketStatus(_eventId, _ticketId, _token, opts) {
        calls.push({ op: "status", at: clock.trueNow() });
        return reply(stub.onStatus(stub.count("status")), opts);
      },
      leaveQueue(_eventId, _ticketId, _token, opts) {
        calls.push({ op: "leave", at: clock.trueNow() });
        return reply(stub.onLeave(stub.count("leave")), opts);
      },
      verifyIdentity: unsupported,
      listRegions: unsupported,
      listCenters: unsupported,
      listSlots: unsupported,
      createReservation: unsupported,
      getReservation: unsupported,
      cancelReservation: unsupported,
    },
  };
  return stub;
}

export interface StubClientOptions {
  /** Seeds the client's random source and its Idempotency-Keys. */
  seed: number;
  /** The client's clock (default: the fake clock itself). */
  clock?: Clock;
  store?: Store;
  fallbackStore?: () => Store;
  onAdmitted?: AdmittedAlert;
}

/** A real queue client on a fresh stub API: the set-up the core queue tests share. */
export function clientOnStub(
  fake: FakeClock,
  options: StubClientOptions,
): { stub: StubQueueApi; client: QueueClient } {
  const stub = createStubQueueApi(fake);
  const clock = options.clock ?? fake;
  const random = seededRandom(options.seed);
  const client = createQueueClient({
    api: stub.api,
    store: options.store ?? createMemoryStore(),
    clock,
    serverClock: createServerClock(clock),
    random,
    newId: seededIds(random),
    ...(options.fallbackStore ? { fallbackStore: options.fallbackStore } : {}),
    ...(options.onAdmitted ? { onAdmitted: options.onAdmitted } : {}),
  });
  return { stub, client };
}
