import { later } from "../clock/timer.ts";
import type { Clock, ClockSample } from "../clock/types.ts";
import { decodeProblem } from "../contract/decode-common.ts";
import type { Decoder } from "../contract/decoder-kit.ts";
import { DecodeError } from "../contract/decoder-kit.ts";
import { parseTimestamp } from "../contract/formats.ts";
import type { Problem } from "../contract/types.ts";
import { parseRetryAfter } from "../net/retry-after.ts";
import type { FetchLike, ResponseLike } from "./fetch-like.ts";
import { createGovernor, type GovernorOptions, governorKey } from "./governor.ts";
import type { ApiFailure, ApiReply, CallOptions } from "./types.ts";
import { ApiError } from "./types.ts";
import { untilAborted } from "./until-aborted.ts";

export interface ApiClientOptions {
  /** The real fetch in the app; a stub or the model's adapter elsewhere. */
  fetch: FetchLike;
  /** Where the contract's paths start (default "/api/v1", same origin). */
  baseUrl?: string;
  /** Drives timeouts and stamps clock samples, so fake clocks control both. */
  clock: Clock;
  /** Gets one sample per HTTP answer that tells the server's time. */
  onClockSample?: (sample: ClockSample) => void;
  defaultTimeoutMs?: number;
  /** The per-endpoint budget no caller can exceed (see ./governor.ts); defaults suit the contract. */
  governor?: Omit<GovernorOptions, "onHold">;
  /** Told each time the governor holds a request: a scheduling bug above it. */
  onGovernorHold?: (key: string) => void;
}

/** One exchange of the contract, described for `send`. */
export interface Exchange<T> {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  bearer?: string;
  idempotencyKey?: string;
  /** RFC 7240 preferences, e.g. "wait=25" (contract v1.1: held status reads). */
  prefer?: string;
  body?: unknown;
  /** null when the answer has no body (204). */
  decode: Decoder<T> | null;
  /** Where the decoded body states the server's time, if it does. */
  serverTime?: (body: T) => string;
}

/** Sends one exchange: the part of the API client every screen needs (see ./client.ts for the operations). */
export interface Transport {
  send<T>(exchange: Exchange<T>, opts?: CallOptions): Promise<ApiReply<T>>;
  /** Requests the governor held; a correct client keeps it at 0. */
  governorHolds(): number;
}

/**
 * The contract's HTTP rules over an injected fetch: governor, timeout, clock
 * samples, problem bodies, Retry-After and decoding. One attempt per call:
 * failures come back sorted as ApiError (see ApiFailure) for the retry policy to judge.
 */
export function createTransport(options: ApiClientOptions): Transport {
  const { fetch, clock, onClockSample, defaultTimeoutMs = 10_000 } = options;
  const base = (options.baseUrl ?? "/api/v1").replace(/\/+$/, "");
  const governor = createGovernor(clock, {
    ...options.governor,
    ...(options.onGovernorHold ? { onHold: options.onGovernorHold } : {}),
  });

  async function send<T>(exchange: Exchange<T>, opts: CallOptions = {}): Promise<ApiReply<T>> {
    const caller = opts.signal;
    if (caller?.aborted) throw new ApiError({ kind: "aborted" });
    try {
      // Below every scheduler: waits, never fails, when a bug above asks too often.
      await governor.admit(governorKey(exchange.method, exchange.path), caller);
    } catch {
      throw new ApiError({ kind: "aborted" });
    }
    const timeoutMs = opts.timeoutMs ?? defaultTimeoutMs;
    const url = base + exchange.path;

    // One controller for both causes (not AbortSignal.any: older Safari lacks it); flags tell them apart.
    const controller = new AbortController();
    const init = {
      method: exchange.method,
      headers: headersFor(exchange),
      signal: controller.signal,
      ...(exchange.body === undefined ? {} : { body: JSON.stringify(exchange.body) }),
    };
    let timedOut = false;
    const cancelTimeout = later(clock, timeoutMs, () => {
      timedOut = true;
      controller.abort();
    });
    const onCallerAbort = () => controller.abort();
    caller?.addEventListener("abort", onCallerAbort, { once: true });
    // Only rejections of fetch and of reading its body come here; our own bugs propagate as they are.
    const noAnswer = (error: unknown): ApiError =>
      new ApiError(
        caller?.aborted
          ? { kind: "aborted" }
          : timedOut
            ? { kind: "timeout", timeoutMs }
            : { kind: "network", message: describe(error) },
      );

    try {
      const sentAt = clock.now();
      let response: ResponseLike;
      try {
        response = await untilAborted(fetch(url, init), controller.signal);
      } catch (error) {
        throw noAnswer(error);
      }
      const receivedAt = clock.now();
      let text: string;
      try {
        text = await untilAborted(response.text(), controller.signal);
      } catch (error) {
        throw noAnswer(error);
      }
      return interpret(exchange, response, text, sentAt, receivedAt);
    } finally {
      cancelTimeout();
      caller?.removeEventListener("abort", onCallerAbort);
    }
  }

  function interpret<T>(
    exchange: Exchange<T>,
    response: ResponseLike,
    text: string,
    sentAt: number,
    receivedAt: number,
  ): ApiReply<T> {
    const { status, headers } = response;
    const dateHeader = headers.get("date");
    const headerTime = dateHeader === null ? Number.NaN : Date.parse(dateHeader);
    const report = (serverTime: number, precise: boolean) => {
      if (!Number.isNaN(serverTime)) onClockSample?.({ sentAt, receivedAt, serverTime, precise });
    };

    if (status < 200 || status > 299) {
      report(headerTime, false);
      const problem = problemFrom(text) ?? synthesizedProblem(status);
      // An HTTP-date Retry-After counts from the server's own Date when it sent one.
      const serverNow = Number.isNaN(headerTime) ? receivedAt : headerTime;
      const retryAfterMs = parseRetryAfter(headers.get("retry-after"), serverNow);
      throw new ApiError({ kind: "http", status, problem, retryAfterMs });
    }

    const invalid = (message: string): ApiError => {
      report(headerTime, false);
      return new ApiError({ kind: "invalid_response", status, message } satisfies ApiFailure);
    };
    let body = null as T;
    if (exchange.decode !== null) {
      const contentType = headers.get("content-type");
      if (contentType !== null && !/json/i.test(contentType)) throw invalid("expected a JSON body");
      const json = parseJson(text);
      if (json === undefined) throw invalid("body is not JSON");
      try {
        body = exchange.decode(json);
      } catch (error) {
        if (error instanceof DecodeError) throw invalid(error.message);
        throw error;
      }
    }
    const bodyTime = exchange.serverTime ? parseTimestamp(exchange.serverTime(body)) : null;
    if (bodyTime === null) report(headerTime, false);
    else report(bodyTime, true);
    return {
      body,
      status,
      replayed: headers.get("idempotent-replayed") === "true",
      held: headers.get("preference-applied") !== null,
    };
  }

  return { send, governorHolds: () => governor.holds() };
}

function headersFor(
  exchange: Pick<Exchange<unknown>, "bearer" | "idempotencyKey" | "body" | "prefer">,
): Record<string, string> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (exchange.prefer !== undefined) headers.Prefer = exchange.prefer;
  if (exchange.bearer !== undefined) headers.Authorization = `Bearer ${exchange.bearer}`;
  if (exchange.idempotencyKey !== undefined) headers["Idempotency-Key"] = exchange.idempotencyKey;
  if (exchange.body !== undefined) headers["Content-Type"] = "application/json";
  return headers;
}

/** undefined when the text is not JSON (JSON itself never parses to undefined). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function problemFrom(text: string): Problem | null {
  const json = parseJson(text);
  if (json === undefined) return null;
  try {
    return decodeProblem(json);
  } catch (error) {
    if (error instanceof DecodeError) return null;
    throw error;
  }
}

/** For error answers without a readable problem body (a proxy's HTML 502, say). */
function synthesizedProblem(status: number): Problem {
  return { type: "about:blank", title: `HTTP ${status}`, status, code: `http_${status}` };
}

/** The transport's own words ("fetch failed", "ECONNRESET"); never request or response data. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return "request failed";
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === "string" ? `${error.message} (${cause.code})` : error.message;
}
