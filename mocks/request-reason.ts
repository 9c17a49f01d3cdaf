/**
 * Why a request was sent when it was, told from the request/response stream
 * the mock saw (demo panel, issue 11). Pure: no clock, no storage.
 *
 * The gap of a request is the time since the previous request to the same
 * resource (method + path); for the first request to a resource, since the
 * previous request of any kind (0 for the very first).
 */

/** What the mock answered, as far as the timing of the next request goes. */
export type SeenAnswer =
  /** Answered; `pollAfterMs` is the body's pollAfterSeconds (status reads), else null. */
  | { kind: "ok"; pollAfterMs: number | null }
  /** Nothing usable (dropped, hung, cut, malformed, 5xx, 429); `retryAfterMs` from Retry-After, if any. */
  | { kind: "failed"; retryAfterMs: number | null };

export interface SeenRequest {
  id: number;
  /** When the mock saw it (epoch ms). */
  at: number;
  method: string;
  /** Path without the query. */
  path: string;
  /** Sent with `Prefer: wait=N` (a held read). */
  prefer: boolean;
  /** Null while it is in flight. */
  answer: SeenAnswer | null;
  /** When the client got the answer (epoch ms), null while in flight. */
  answeredAt: number | null;
}

export type RequestReason =
  /** Its own kind of wait: the server holds the read until something changes. */
  | "held-read"
  /** The previous answer here said Retry-After, and the client waited at least that long. */
  | "retry-after"
  /** The previous attempt here failed without Retry-After: the client's own jittered backoff. */
  | "backoff"
  /** The previous answer here gave pollAfterSeconds; the gap is the hint plus the client's jitter. */
  | "server-hint"
  /** A person's action: join, leave, booking (any request that changes something). */
  | "user"
  /** The first request to this resource in this page. */
  | "first"
  /** Asked again after an answer without a hint (a screen opened or refreshed its data). */
  | "screen"
  /** Sooner than the server asked: should never show up. */
  | "early";

export interface Explanation {
  gapMs: number;
  reason: RequestReason;
  /** The wait the server asked for (Retry-After or pollAfterSeconds) in ms, when the reason is one. */
  askedMs: number | null;
  /** gap − asked: the client's own jitter or spread on top of what the server asked. */
  extraMs: number | null;
}

/** Retry-After as an HTTP-date is rounded to the second on both sides. */
export const RETRY_AFTER_TOLERANCE_MS = 1000;
/** pollAfterSeconds counts from when the client got the answer, so the gap is never shorter. */
export const HINT_TOLERANCE_MS = 250;

const READS = new Set(["GET", "HEAD"]);

function why(req: SeenRequest, gapMs: number, previous: SeenRequest | undefined): Omit<Explanation, "gapMs"> {
  const none = { askedMs: null, extraMs: null };
  // Only an answer the client had by the time it sent this one can explain it.
  const answer =
    previous?.answeredAt !== null && previous?.answeredAt !== undefined && previous.answeredAt <= req.at
      ? previous.answer
      : null;
  if (answer?.kind === "failed") {
    const asked = answer.retryAfterMs;
    if (asked === null) return { reason: "backoff", askedMs: null, extraMs: gapMs };
    if (gapMs + RETRY_AFTER_TOLERANCE_MS < asked)
      return { reason: "early", askedMs: asked, extraMs: gapMs - asked };
    return { reason: "retry-after", askedMs: asked, extraMs: Math.max(0, gapMs - asked) };
  }
  if (req.prefer) return { reason: "held-read", ...none };
  if (!READS.has(req.method.toUpperCase())) return { reason: "user", ...none };
  if (!previous) return { reason: "first", ...none };
  if (answer?.kind === "ok" && answer.pollAfterMs !== null) {
    const asked = answer.pollAfterMs;
    if (gapMs + HINT_TOLERANCE_MS < asked) return { reason: "early", askedMs: asked, extraMs: gapMs - asked };
    return { reason: "server-hint", askedMs: asked, extraMs: Math.max(0, gapMs - asked) };
  }
  return { reason: "screen", ...none };
}

export type ExplainedRequest<T extends SeenRequest = SeenRequest> = T & Explanation;

/** Gap and reason for each request, in the order seen. */
export function explainRequests<T extends SeenRequest>(seen: readonly T[]): ExplainedRequest<T>[] {
  const lastByResource = new Map<string, T>();
  let last: T | undefined;
  return seen.map((req) => {
    const key = `${req.method.toUpperCase()} ${req.path}`;
    const previous = lastByResource.get(key);
    const gapMs = Math.max(0, Math.round(req.at - (previous ?? last ?? req).at));
    lastByResource.set(key, req);
    last = req;
    return { ...req, gapMs, ...why(req, gapMs, previous) };
  });
}

/**
 * Retry-After in ms: delta-seconds, or an HTTP-date against the answer's own
 * Date header (else `now`). Null when absent or unreadable.
 */
export function retryAfterMs(
  value: string | undefined,
  dateHeader: string | undefined,
  now: number,
): number | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  const base =
    dateHeader !== undefined && !Number.isNaN(Date.parse(dateHeader)) ? Date.parse(dateHeader) : now;
  return Math.max(0, at - base);
}
