/**
 * The demo's own request log (issue 11): every request this page sends to
 * the in-browser mock, when it arrived and what it got, so the demo panel can
 * show the gap before each request and why it was sent then. It is also the
 * page's "network": `goOffline(ms)` makes every request fail before it reaches
 * the server, as a lost connection would.
 */
import type { Backend, MockOutcome, MockRequest } from "./model/index.ts";
import { retryAfterMs, type SeenAnswer, type SeenRequest } from "./request-reason.ts";

/** How many requests the log keeps (the oldest go first). */
export const LOG_LIMIT = 200;

/** A status read: its 200 must carry pollAfterSeconds, or the client cannot use it. */
const STATUS_READ = /\/tickets\/[^/]+$/;

/** What an outcome means for the timing of the next request (see request-reason.ts). */
export function answerOf(method: string, path: string, outcome: MockOutcome, now: number): SeenAnswer {
  if (outcome.kind !== "respond") return { kind: "failed", retryAfterMs: null };
  const { status, headers } = outcome;
  if (status === 429 || status === 503) {
    return { kind: "failed", retryAfterMs: retryAfterMs(headers["retry-after"], headers.date, now) };
  }
  if (status >= 500 || status === 408) return { kind: "failed", retryAfterMs: null };
  if (status >= 300) return { kind: "ok", pollAfterMs: null };
  let body: unknown = null;
  try {
    body = outcome.body ? JSON.parse(outcome.body) : null;
  } catch {
    return { kind: "failed", retryAfterMs: null };
  }
  const poll = (body as { pollAfterSeconds?: unknown } | null)?.pollAfterSeconds;
  if (typeof poll === "number" && Number.isFinite(poll)) return { kind: "ok", pollAfterMs: poll * 1000 };
  // A status read without its hint is a broken answer (the client backs off politely).
  if (method === "GET" && STATUS_READ.test(path)) return { kind: "failed", retryAfterMs: null };
  return { kind: "ok", pollAfterMs: null };
}

/** A logged request: what the classifier needs, plus what the answer was ("200", "503", "drop", "hang", "cut"). */
export interface LoggedRequest extends SeenRequest {
  outcome: string | null;
}

/** The log's name for an outcome. */
export const outcomeName = (outcome: MockOutcome): string =>
  outcome.kind === "respond" ? String(outcome.status) : outcome.kind;

export interface RequestLog {
  /** The requests seen, oldest first (a fresh array after every change). */
  entries(): readonly LoggedRequest[];
  /** Called after every change; returns an unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Every request fails for `ms` from now, without reaching the server. */
  goOffline(ms: number): void;
  /** Epoch ms until which the page is "offline" (0 when online). */
  offlineUntil(): number;
}

export interface RecordedBackend {
  backend: Backend;
  log: RequestLog;
}

/** Wraps `inner.handle` so every request and its answer are logged. */
export function recordRequests(inner: Backend, now: () => number = () => Date.now()): RecordedBackend {
  let entries: LoggedRequest[] = [];
  let nextId = 1;
  let offlineUntil = 0;
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };
  const update = (id: number, answer: SeenAnswer, answeredAt: number, outcome: string) => {
    entries = entries.map((entry) => (entry.id === id ? { ...entry, answer, answeredAt, outcome } : entry));
    changed();
  };

  const handle = async (req: MockRequest): Promise<MockOutcome> => {
    const at = now();
    const path = new URL(req.url, "http://model.invalid").pathname;
    const id = nextId++;
    const method = req.method.toUpperCase();
    const prefer = /\bwait\s*=/i.test(req.headers.prefer ?? "");
    entries = [
      ...entries,
      { id, at, method, path, prefer, answer: null, answeredAt: null, outcome: null },
    ].slice(-LOG_LIMIT);
    changed();
    if (at < offlineUntil) {
      update(id, { kind: "failed", retryAfterMs: null }, at, "offline");
      return { kind: "drop" };
    }
    try {
      const outcome = await inner.handle(req);
      const answeredAt = now() + (outcome.kind === "hang" ? 0 : (outcome.delayMs ?? 0));
      update(id, answerOf(method, path, outcome, answeredAt), answeredAt, outcomeName(outcome));
      return outcome;
    } catch (error) {
      update(id, { kind: "failed", retryAfterMs: null }, now(), "error");
      throw error;
    }
  };

  const backend: Backend = {
    handle,
    step: (req, heldFor) => inner.step(req, heldFor),
    takeDuePush: () => inner.takeDuePush(),
    faults: inner.faults,
    stats: () => inner.stats(),
    inspect: () => inner.inspect(),
    snapshot: () => inner.snapshot(),
    load: (snapshot) => inner.load(snapshot),
    startedAt: () => inner.startedAt(),
    get scenario() {
      return inner.scenario;
    },
  };
  const log: RequestLog = {
    entries: () => entries,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    goOffline(ms) {
      offlineUntil = now() + ms;
      changed();
    },
    offlineUntil: () => offlineUntil,
  };
  return { backend, log };
}
