/**
 * Deciding which fault, if any, hits a request. Faults that stop a request
 * before it is applied (drop, hang, status, outage, capacity) are decided
 * first; faults that spoil the answer of an applied request (lost, cut,
 * malformed, bounce) afterwards.
 */
import type { Fault, FaultConfig, FaultMatch } from "./faults-types.ts";
import type { SeededRandom } from "./random.ts";
import { type ModelResponse, problem } from "./responses.ts";
import { toHttpDate } from "./time-format.ts";

export interface OnceFault {
  match: FaultMatch;
  fault: Fault;
}

function matches(match: FaultMatch, method: string, path: string): boolean {
  if (match.method && match.method.toUpperCase() !== method) return false;
  if (match.path === undefined) return true;
  if (typeof match.path === "string") return path === match.path || path === `/api/v1${match.path}`;
  return match.path.test(path);
}

/** Removes and returns the first one-shot fault (not a bounce) matching the request. */
export function takeOnce(list: OnceFault[], method: string, path: string): Fault | null {
  const index = list.findIndex(
    (entry) => entry.fault.kind !== "bounce" && matches(entry.match, method, path),
  );
  if (index < 0) return null;
  const [entry] = list.splice(index, 1);
  return entry?.fault ?? null;
}

/** Removes and reports an armed one-shot bounce for this request; bounces wait for an admission. */
export function takeBounce(list: OnceFault[], method: string, path: string): boolean {
  const index = list.findIndex(
    (entry) => entry.fault.kind === "bounce" && matches(entry.match, method, path),
  );
  if (index < 0) return false;
  list.splice(index, 1);
  return true;
}

/** Draws at most one fault from the configured rates. */
export function drawFault(config: FaultConfig, random: SeededRandom): Fault | null {
  const table: [number, Fault][] = [
    [config.dropRate, { kind: "drop" }],
    [config.hangRate, { kind: "hang" }],
    [config.rateLimitRate, { kind: "status", status: 429 }],
    [config.overloadRate, { kind: "status", status: 503 }],
    [config.errorRate, { kind: "status", status: 500 }],
    [config.lostRate, { kind: "lost" }],
    [config.cutRate, { kind: "cut" }],
    [
      config.malformedRate,
      { kind: "malformed", shape: random.next() < 0.5 ? "invalid-json" : "wrong-shape" },
    ],
  ];
  if (table.every(([rate]) => rate <= 0)) return null;
  let roll = random.next();
  for (const [rate, fault] of table) {
    if (roll < rate) return fault;
    roll -= rate;
  }
  return null;
}

/** The contract's bound on Retry-After (v1.1): 3600 s, or a date at most an hour after Date. */
export const MAX_RETRY_AFTER_SECONDS = 3600;

/**
 * The Retry-After value: delta-seconds, or an HTTP-date rounded up so it is
 * never early. Either stays within the contract's bound: a long outage is
 * announced an hour at a time, as a conforming server does.
 */
export function retryAfter(seconds: number, form: "delta" | "http-date", now: number): string {
  if (form === "delta") return String(Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(seconds))));
  // The Date header is `now` truncated to the second; the date may be at most an hour after it.
  const latest = Math.floor(now / 1000) * 1000 + MAX_RETRY_AFTER_SECONDS * 1000;
  return toHttpDate(Math.min(latest, Math.ceil((now + seconds * 1000) / 1000) * 1000 + 1000));
}

export function statusFault(
  fault: Extract<Fault, { kind: "status" }>,
  config: FaultConfig,
  random: SeededRandom,
  now: number,
): ModelResponse {
  if (fault.status === 500) return problem(500, "internal_error", { detail: "Something went wrong." });
  const seconds = typeof fault.retryAfter === "number" ? fault.retryAfter : config.retryAfterSeconds;
  const form =
    fault.retryAfter === "http-date"
      ? "http-date"
      : typeof fault.retryAfter === "number"
        ? "delta"
        : config.retryAfterForm === "mixed"
          ? random.next() < 0.5
            ? "delta"
            : "http-date"
          : config.retryAfterForm;
  const headers = { "retry-after": retryAfter(seconds, form, now) };
  return fault.status === 429
    ? problem(429, "rate_limited", { detail: "Too many requests. Try again later.", headers })
    : problem(503, "overloaded", { detail: "The service is busy. Try again later.", headers });
}

/** A 200 whose body a client cannot use: broken JSON, or JSON of the wrong shape. */
export function malformed(
  response: ModelResponse,
  fault: Extract<Fault, { kind: "malformed" }>,
): ModelResponse {
  const body =
    fault.body ??
    (fault.shape === "wrong-shape"
      ? JSON.stringify({ result: "ok", data: [1, 2, 3], serverTime: 12345 })
      : `${(response.body ?? "").slice(0, Math.floor((response.body ?? "").length / 2))}<html>Bad Gateway`);
  return {
    status: 200,
    headers: { ...response.headers, "content-type": "application/json; charset=utf-8" },
    body,
  };
}

/** The first part of a body, for an answer cut off mid-way. */
export function cutBody(body: string | null): string {
  const text = body ?? "";
  return text.length < 2 ? "{" : text.slice(0, Math.ceil(text.length / 2));
}
