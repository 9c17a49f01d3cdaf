/**
 * The chaos fetch: a wrapper between the real API client and the mock model
 * that misbehaves the way overloaded servers and broken proxies do, and
 * records every request in TRUE (model) time so the invariants can measure
 * gaps on the wire, whatever the device clock says. The model itself is not
 * touched: every fault is made here.
 */
import type { FetchLike, RequestInitLike, ResponseLike } from "../../src/core/api/fetch-like.ts";
import type { FakeClock } from "../support/fake-clock.ts";

/** How a faulty answer sets its Retry-After. */
export type RetryAfterKind =
  | "in-bound" // delta-seconds 0–3600
  | "out-of-bound" // delta-seconds past 3600, up to 15 digits
  | "date-past" // an HTTP-date before the answer's Date
  | "date-near" // an HTTP-date within an hour of the answer's Date (in bound)
  | "date-far" // an HTTP-date years ahead
  | "garbage";

/** Per-request fault probabilities (each in 0..1; checked in this order, first hit wins). */
export interface FaultRates {
  dropBefore: number;
  dropAfter: number;
  hang: number;
  refuse: number;
  malformed: number;
  outOfBound: number;
  dateOff: number;
}

/** A calm network: no fault at all. */
export const NO_FAULTS: FaultRates = {
  dropBefore: 0,
  dropAfter: 0,
  hang: 0,
  refuse: 0,
  malformed: 0,
  outOfBound: 0,
  dateOff: 0,
};

/** One request as seen on the wire. */
export interface WireRequest {
  route: string;
  method: string;
  sentAt: number;
  key: string | null;
  /** HTTP status of the answer the client got, "failed" (no answer) or null (in flight). */
  outcome: number | "failed" | null;
  answeredAt: number | null;
  /** True time before which the server said not to ask this route again (in-bound values only). */
  allowedNextAt: number | null;
  /** The device clock when it was sent, and that floor on the device clock (see invariants' tooEarly). */
  sentDeviceAt?: number;
  allowedNextDeviceAt?: number | null;
  /** The answer carried a value outside the contract's bounds (or was unreadable). */
  broken: boolean;
  /** The route that allowance constrains (a join's status body constrains the first status read). */
  floorRoute: string;
  fault: string;
  /** Order of the send and of the answer among all wire events: tells apart events in the same ms. */
  sentSeq?: number;
  answeredSeq?: number;
}

export interface ChaosFetch {
  fetch: FetchLike;
  wire: WireRequest[];
  inFlight(): number;
  /** Faults apply only while enabled; outages refuse every request while on. */
  setEnabled(enabled: boolean): void;
  setOutage(on: boolean): void;
}

const RETRY_AFTER_MAX_S = 3600;
const POLL_AFTER_MAX_S = 600;

/** "GET status", "POST join", "DELETE leave", "GET events", "POST reservations", ... */
export function routeOf(method: string, url: string): string {
  const path = new URL(url, "http://localhost").pathname;
  // Status reads are per ticket: a floor from one ticket's answer says nothing about another's.
  const ticket = /\/tickets\/([^/]+)$/.exec(path);
  if (ticket) return `${method} ${method === "GET" ? `status ${ticket[1]}` : "leave"}`;
  if (/\/tickets$/.test(path)) return `${method} join`;
  return `${method} ${path
    .replace(/^.*\/api\/v1\//, "")
    .split("/")
    .filter((part, i) => i === 0 || !/\d|-/.test(part))
    .join("/")}`;
}

/** Which route an allowance applies to: a join's status body sets the first status read's floor. */
const floorRouteOf = (route: string, fromBody: boolean, body: string): string => {
  if (!fromBody || route !== "POST join") return route;
  const id = /"ticket":\s*\{[^}]*"id":\s*"([^"]+)"/.exec(body)?.[1] ?? "";
  return `GET status ${id}`;
};

function retryAfterValue(kind: RetryAfterKind, serverNow: number, magnitude: number): string {
  switch (kind) {
    case "in-bound":
      return String(Math.floor(magnitude * RETRY_AFTER_MAX_S));
    case "out-of-bound":
      return String(RETRY_AFTER_MAX_S + 1 + Math.floor(magnitude * 1e14));
    case "date-past":
      return new Date(serverNow - 1000 - Math.floor(magnitude * 86_400_000 * 30)).toUTCString();
    case "date-near":
      return new Date(serverNow + Math.floor(magnitude * RETRY_AFTER_MAX_S) * 1000).toUTCString();
    case "date-far":
      return new Date(serverNow + 86_400_000 * (2 + Math.floor(magnitude * 3650))).toUTCString();
    case "garbage":
      return ["soon", "-5", "1e3", "NaN", "12.5", "Tue, 99 Foo 2021", ""][Math.floor(magnitude * 7)] ?? "x";
  }
}

/** Bodies out of the contract's bounds, written as raw text (1e400 cannot be made by JSON.stringify). */
const OUT_OF_BOUND_EDITS: Array<(text: string) => string> = [
  (t) => t.replace(/"pollAfterSeconds":\s*[-\d.e+]+/, '"pollAfterSeconds":3000000'),
  (t) => t.replace(/"servingRatePerSecond":\s*[-\d.e+]+/, '"servingRatePerSecond":1e400'),
  (t) => t.replace(/"pollAfterSeconds":\s*[-\d.e+]+/, '"pollAfterSeconds":-4'),
  (t) => t.replace(/"etaSeconds":\s*[-\d.e+]+/, '"etaSeconds":99999999999'),
  (t) => t.replace(/"ahead":\s*[-\d.e+]+/, '"ahead":-1'),
  (t) => t.replace(/"serverTime":\s*"[^"]*"/, '"serverTime":"9999-01-01T00:00:00Z"'),
];

function headersOf(response: ResponseLike, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = response.headers.get(name);
    if (value !== null) out[name] = value;
  }
  return out;
}

const KEPT_HEADERS = ["content-type", "date", "retry-after", "idempotent-replayed", "cache-control"];

function makeResponse(status: number, headers: Record<string, string>, body: string | null): ResponseLike {
  const h = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    status,
    headers: { get: (name) => h.get(name.toLowerCase()) ?? null },
    text: async () => body ?? "",
  };
}

function hang(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

/** What the answer allows, in true ms after it arrived; null when it says nothing; "broken" when out of bound. */
function allowance(
  status: number,
  headers: Record<string, string>,
  body: string,
): { ms: number | null; fromBody: boolean; broken: boolean } {
  const retryAfter = headers["retry-after"];
  if (status === 429 || status === 503) {
    if (retryAfter === undefined) return { ms: null, fromBody: false, broken: true };
    const text = retryAfter.trim();
    if (/^\d+$/.test(text)) {
      const s = Number(text);
      return s <= RETRY_AFTER_MAX_S
        ? { ms: s * 1000, fromBody: false, broken: false }
        : { ms: null, fromBody: false, broken: true };
    }
    const at = Date.parse(text);
    const date = Date.parse(headers.date ?? "");
    if (Number.isNaN(at) || Number.isNaN(date) || at - date > RETRY_AFTER_MAX_S * 1000)
      return { ms: null, fromBody: false, broken: true };
    return { ms: Math.max(0, at - date), fromBody: false, broken: false };
  }
  if (status !== 200 && status !== 201) return { ms: null, fromBody: false, broken: false };
  const match = /"pollAfterSeconds":\s*(-?[\d.e+]+)/.exec(body);
  if (!match) return { ms: null, fromBody: true, broken: false };
  const s = Number(match[1]);
  const inBound = Number.isInteger(s) && s >= 0 && s <= POLL_AFTER_MAX_S;
  // A broken answer is not acted on, so its pollAfterSeconds sets no floor; the broken-answer floor applies.
  if (!inBound || /1e400|99999999999|"ahead":-1|9999-01/.test(body))
    return { ms: null, fromBody: true, broken: true };
  return { ms: s * 1000, fromBody: true, broken: false };
}

export function createChaosFetch(
  clock: FakeClock,
  modelFetch: FetchLike,
  rates: FaultRates,
  random: () => number,
  retryAfterKinds: RetryAfterKind[],
): ChaosFetch {
  const wire: WireRequest[] = [];
  let enabled = true;
  let outage = false;
  let inFlight = 0;
  let seq = 0;

  const faulted = async (url: string, init: RequestInitLike, entry: WireRequest): Promise<ResponseLike> => {
    if (outage) {
      entry.fault = "outage";
      throw new TypeError("fetch failed: connection refused");
    }
    const roll = (p: number) => enabled && random() < p;
    if (roll(rates.dropBefore)) {
      entry.fault = "drop-before";
      throw new TypeError("fetch failed");
    }
    if (roll(rates.hang)) {
      entry.fault = "hang";
      return hang(init.signal);
    }
    if (roll(rates.refuse)) {
      const kind = retryAfterKinds[Math.floor(random() * retryAfterKinds.length)] ?? "in-bound";
      const status = random() < 0.5 ? 429 : 503;
      // A proxy's answer: some carry a Date off by days too.
      const serverNow = clock.trueNow();
      const date = roll(rates.dateOff)
        ? serverNow + (random() < 0.5 ? -1 : 1) * 86_400_000 * (1 + Math.floor(random() * 3))
        : serverNow;
      entry.fault = `${status} retry-after ${kind}`;
      const code = status === 429 ? "rate_limited" : "overloaded";
      return makeResponse(
        status,
        {
          "content-type": "application/problem+json",
          date: new Date(date).toUTCString(),
          "retry-after": retryAfterValue(kind, date, random()),
        },
        JSON.stringify({ type: "about:blank", title: code, status, code }),
      );
    }
    const response = await modelFetch(url, init);
    if (roll(rates.dropAfter)) {
      entry.fault = "drop-after";
      // The server applied it; the answer is lost on the way back.
      await response.text().catch(() => "");
      throw new TypeError("fetch failed: connection reset");
    }
    const headers = headersOf(response, KEPT_HEADERS);
    let body = await response.text();
    if (roll(rates.malformed)) {
      entry.fault = "malformed";
      body = body.slice(0, Math.floor(body.length / 2)) || "<html>";
    } else if (roll(rates.outOfBound) && response.status >= 200 && response.status < 300) {
      const edit = OUT_OF_BOUND_EDITS[Math.floor(random() * OUT_OF_BOUND_EDITS.length)];
      const edited = edit ? edit(body) : body;
      if (edited !== body) entry.fault = "out-of-bound";
      body = edited;
    }
    if (roll(rates.dateOff)) {
      entry.fault += "+date-off";
      headers.date = new Date(clock.trueNow() + (random() < 0.5 ? -1 : 1) * 86_400_000 * 2).toUTCString();
    }
    return makeResponse(response.status, headers, body);
  };

  const fetch: FetchLike = async (url, init) => {
    const entry: WireRequest = {
      route: routeOf(init.method, url),
      method: init.method,
      sentAt: clock.trueNow(),
      sentDeviceAt: clock.now(),
      key: init.headers["Idempotency-Key"] ?? init.headers["idempotency-key"] ?? null,
      outcome: null,
      answeredAt: null,
      allowedNextAt: null,
      broken: false,
      floorRoute: "",
      fault: "",
      sentSeq: ++seq,
    };
    wire.push(entry);
    inFlight++;
    try {
      const response = await faulted(url, init, entry);
      const text = await response.text();
      const headers = headersOf(response, KEPT_HEADERS);
      entry.outcome = response.status;
      entry.answeredAt = clock.trueNow();
      entry.answeredSeq = ++seq;
      // An unreadable body says nothing, whatever fragments of it look like.
      // (A malformed answer may also carry a Date off by days: fault "malformed+date-off".)
      const malformed = entry.fault.startsWith("malformed");
      const allowed = malformed
        ? { ms: null, fromBody: true, broken: true }
        : allowance(response.status, headers, text);
      entry.broken = allowed.broken || malformed;
      if (allowed.ms !== null) {
        entry.allowedNextAt = entry.answeredAt + allowed.ms;
        entry.allowedNextDeviceAt = clock.now() + allowed.ms;
      }
      entry.floorRoute = floorRouteOf(entry.route, allowed.fromBody, text);
      return makeResponse(response.status, headers, text);
    } catch (error) {
      entry.outcome = "failed";
      entry.answeredAt = clock.trueNow();
      entry.answeredSeq = ++seq;
      throw error;
    } finally {
      inFlight--;
    }
  };

  return {
    fetch,
    wire,
    inFlight: () => inFlight,
    setEnabled(on) {
      enabled = on;
    },
    setOutage(on) {
      outage = on;
    },
  };
}
