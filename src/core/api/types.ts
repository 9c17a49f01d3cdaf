import type {
  CentersResponse,
  EventsResponse,
  IdentityRequest,
  IdentityResponse,
  JoinResponse,
  Problem,
  PushKeyResponse,
  PushSubscribeRequest,
  QueueStatus,
  RegionsResponse,
  ReservationRequest,
  ReservationResponse,
  SlotsResponse,
  TimeResponse,
} from "../contract/types.ts";

/** Per-call options. Every call is a single attempt; retrying is ../net/retry's job. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Give up after this long without a complete response (default 10 000 ms). */
  timeoutMs?: number;
}

/**
 * Why a call failed, sorted so the retry policy and the UI can act on it.
 * - network: no HTTP answer (refused, reset, cut off mid-body). May have taken effect.
 * - timeout: no complete answer in time. May have taken effect.
 * - aborted: the caller's signal fired. Never retried.
 * - http: the server answered with a problem (4xx/5xx); `retryAfterMs` from Retry-After.
 * - invalid_response: an answer that does not match the contract (bad JSON, wrong shape).
 */
export type ApiFailure =
  | { kind: "network"; message: string }
  | { kind: "timeout"; timeoutMs: number }
  | { kind: "aborted" }
  | { kind: "http"; status: number; problem: Problem; retryAfterMs: number | null }
  | { kind: "invalid_response"; status: number; message: string };

/** Thrown by every ApiClient method; `failure` says what happened. */
export class ApiError extends Error {
  readonly failure: ApiFailure;
  constructor(failure: ApiFailure) {
    super(
      `api ${failure.kind}${failure.kind === "http" ? ` ${failure.status} ${failure.problem.code}` : ""}`,
    );
    this.name = "ApiError";
    this.failure = failure;
  }
  /** The problem code for http failures, else the failure kind (e.g. "network"). */
  get code(): string {
    return this.failure.kind === "http" ? this.failure.problem.code : this.failure.kind;
  }
}

/** A validated successful answer plus what the transport saw. */
export interface ApiReply<T> {
  body: T;
  status: number;
  /** true when the server sent Idempotent-Replayed: true. */
  replayed: boolean;
  /** The server applied a preference (Preference-Applied): for a status read, it held it (Prefer: wait). */
  held?: boolean;
}

/**
 * The booking backend contract v1 as typed calls. Every response body is
 * validated before it is returned; anything else becomes ApiError.
 * Implementations feed every Date header / serverTime into the ServerClock.
 */
export interface ApiClient {
  getTime(opts?: CallOptions): Promise<ApiReply<TimeResponse>>;
  listEvents(opts?: CallOptions): Promise<ApiReply<EventsResponse>>;
  joinQueue(eventId: string, idempotencyKey: string, opts?: CallOptions): Promise<ApiReply<JoinResponse>>;
  /** `opts.waitSeconds`: ask the server to hold the answer until the state changes (Prefer: wait). */
  getTicketStatus(
    eventId: string,
    ticketId: string,
    ticketToken: string,
    opts?: CallOptions & { waitSeconds?: number },
  ): Promise<ApiReply<QueueStatus>>;
  leaveQueue(
    eventId: string,
    ticketId: string,
    ticketToken: string,
    opts?: CallOptions,
  ): Promise<ApiReply<null>>;
  verifyIdentity(
    body: IdentityRequest,
    admissionToken: string,
    idempotencyKey: string,
    opts?: CallOptions,
  ): Promise<ApiReply<IdentityResponse>>;
  listRegions(opts?: CallOptions): Promise<ApiReply<RegionsResponse>>;
  listCenters(region: string | null, opts?: CallOptions): Promise<ApiReply<CentersResponse>>;
  listSlots(
    centerId: string,
    from: string,
    to: string,
    admissionToken: string,
    opts?: CallOptions,
  ): Promise<ApiReply<SlotsResponse>>;
  createReservation(
    body: ReservationRequest,
    admissionToken: string,
    idempotencyKey: string,
    opts?: CallOptions,
  ): Promise<ApiReply<ReservationResponse>>;
  getReservation(id: string, accessToken: string, opts?: CallOptions): Promise<ApiReply<ReservationResponse>>;
  cancelReservation(
    id: string,
    accessToken: string,
    opts?: CallOptions,
  ): Promise<ApiReply<ReservationResponse>>;
}

/** Contract v1.1 Web Push: the turn alert's calls (a 404 on getPushKey means the server has no push). */
export interface PushApi {
  getPushKey(opts?: CallOptions): Promise<ApiReply<PushKeyResponse>>;
  subscribePush(
    eventId: string,
    ticketId: string,
    ticketToken: string,
    body: PushSubscribeRequest,
    opts?: CallOptions,
  ): Promise<ApiReply<null>>;
  unsubscribePush(
    eventId: string,
    ticketId: string,
    ticketToken: string,
    opts?: CallOptions,
  ): Promise<ApiReply<null>>;
}

/**
 * The real client: the contract's calls behind the per-endpoint request
 * governor (./governor.ts). Kept apart from ApiClient so stubs need not fake it.
 */
export interface GovernedApiClient extends ApiClient, PushApi {
  /** Requests the governor held; a correct client keeps it at 0. */
  governorHolds(): number;
}
