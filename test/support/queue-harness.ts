import type { Backend, ScenarioName } from "../../mocks/model/index.ts";
import { createApiClient } from "../../src/core/api/client.ts";
import type { FetchLike, ResponseLike } from "../../src/core/api/fetch-like.ts";
import { createServerClock } from "../../src/core/clock/server-clock.ts";
import type { ServerClock } from "../../src/core/clock/types.ts";
import { createQueueClient, type QueueClientOptions } from "../../src/core/queue/client.ts";
import type { QueueClient, QueueView } from "../../src/core/queue/types.ts";
import { createMemoryStore } from "../../src/core/store/memory-store.ts";
import type { Store } from "../../src/core/store/types.ts";
import { createFakeClock, type FakeClock } from "./fake-clock.ts";
import { createModelOnFakeClock } from "./model-on-fake-clock.ts";
import { seededIds, seededRandom } from "./seeded.ts";

/** 2021-07-19 20:00 KST, the evening the 55-59 pre-booking reopened. */
export const T0 = Date.parse("2021-07-19T11:00:00Z");

/** One request as the wrapping fetch saw it, in TRUE (model) time. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** "GET status", "POST join", "DELETE leave", "GET events", ... */
  route: string;
  sentAt: number;
  idempotencyKey: string | null;
  /** The Prefer header (held reads), or null. */
  prefer: string | null;
  /** Filled in when the answer arrives: HTTP status, or "failed" for no answer. */
  status: number | "failed" | null;
  answeredAt: number | null;
  /** The earliest time the server allowed the next request for this resource (pollAfter / Retry-After). */
  nextAllowedAt: number | null;
}

const routeOf = (method: string, path: string): string => {
  if (/\/tickets\/[^/]+$/.test(path)) return `${method} ${method === "GET" ? "status" : "leave"}`;
  if (/\/tickets$/.test(path)) return `${method} join`;
  return `${method} ${path.replace(/^.*\/api\/v1\//, "")}`;
};

/** Reads pollAfterSeconds / Retry-After from an answer without consuming it. */
async function allowedAfterMs(response: Response): Promise<number | null> {
  const retryAfter = response.headers.get("retry-after");
  if (retryAfter !== null) {
    if (/^\d+$/.test(retryAfter.trim())) return Number(retryAfter) * 1000;
    const date = response.headers.get("date");
    return Math.max(0, Date.parse(retryAfter) - (date ? Date.parse(date) : 0));
  }
  if (response.status !== 200 && response.status !== 201) return null;
  try {
    const body = JSON.parse(await response.clone().text()) as {
      pollAfterSeconds?: number;
      status?: { pollAfterSeconds?: number };
    };
    const seconds = body.pollAfterSeconds ?? body.status?.pollAfterSeconds;
    return typeof seconds === "number" ? seconds * 1000 : null;
  } catch {
    return null;
  }
}

export interface Harness {
  clock: FakeClock;
  backend: Backend;
  requests: RecordedRequest[];
  /** Shared by every client instance: the device's IndexedDB, as it were. */
  store: Store;
  /** A new client instance (a page load) on the shared store. */
  newClient(extra?: Partial<QueueClientOptions>): {
    client: QueueClient;
    views: QueueView[];
    serverClock: ServerClock;
  };
  /** Runs the simulation until `done()` or `maxMs` of fake time pass (stepping timer by timer). */
  runUntil(done: () => boolean, maxMs: number): Promise<boolean>;
  /** Requests of a route, in order. */
  byRoute(route: string): RecordedRequest[];
  /** Requests the api clients' governors held, over every client made (a correct client: 0). */
  governorHolds(): number;
}

export interface HarnessOptions {
  scenario?: ScenarioName;
  seed?: number;
  /** Device clock minus true time. */
  skewMs?: number;
  speed?: number;
  /** Rewrites successful JSON answers (e.g. a naive server's constant pollAfterSeconds). */
  rewrite?: (route: string, body: Record<string, unknown>) => Record<string, unknown>;
}

export function createHarness(options: HarnessOptions = {}): Harness {
  const clock = createFakeClock(T0, options.skewMs ?? 0);
  const { backend, modelFetch } = createModelOnFakeClock(clock, {
    scenario: options.scenario ?? "calm",
    seed: options.seed ?? 1,
    speed: options.speed ?? 1,
  });
  const requests: RecordedRequest[] = [];
  const recordingFetch: FetchLike = async (url, init) => {
    const path = new URL(url, "http://localhost").pathname;
    const entry: RecordedRequest = {
      method: init.method,
      path,
      route: routeOf(init.method, path),
      sentAt: clock.trueNow(),
      idempotencyKey: init.headers["Idempotency-Key"] ?? init.headers["idempotency-key"] ?? null,
      prefer: init.headers.Prefer ?? null,
      status: null,
      answeredAt: null,
      nextAllowedAt: null,
    };
    requests.push(entry);
    try {
      let response = await modelFetch(url, init as RequestInit);
      if (options.rewrite && (response.status === 200 || response.status === 201)) {
        const body = options.rewrite(
          entry.route,
          JSON.parse(await response.text()) as Record<string, unknown>,
        );
        response = new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
      }
      entry.status = response.status;
      entry.answeredAt = clock.trueNow();
      const after = await allowedAfterMs(response);
      entry.nextAllowedAt = after === null ? null : entry.answeredAt + after;
      return response as unknown as ResponseLike;
    } catch (error) {
      entry.status = "failed";
      (entry as unknown as { error: string }).error = String(error);
      entry.answeredAt = clock.trueNow();
      throw error;
    }
  };
  const store = createMemoryStore();
  const apis: Array<{ governorHolds(): number }> = [];
  let clientSeed = (options.seed ?? 1) * 1000;

  return {
    clock,
    backend,
    requests,
    store,
    newClient(extra = {}) {
      const serverClock = createServerClock(clock);
      const api = createApiClient({ fetch: recordingFetch, clock, onClockSample: serverClock.observe });
      apis.push(api);
      const random = seededRandom(++clientSeed);
      const client = createQueueClient({
        api,
        store,
        clock,
        serverClock,
        random,
        newId: seededIds(random),
        ...extra,
      });
      const views: QueueView[] = [];
      client.subscribe((view) => views.push(view));
      return { client, views, serverClock };
    },
    async runUntil(done, maxMs) {
      const until = clock.trueNow() + maxMs;
      while (!done()) {
        const next = clock.nextTimerAt();
        if (next === null || next > until) {
          await clock.advance(Math.max(0, until - clock.trueNow()));
          return done();
        }
        await clock.step();
      }
      return true;
    },
    byRoute: (route) => requests.filter((r) => r.route === route),
    governorHolds: () => apis.reduce((sum, api) => sum + api.governorHolds(), 0),
  };
}

/**
 * Every request to a route came no sooner than the previous answer on that
 * route allowed (pollAfterSeconds or Retry-After). Returns the offenders.
 */
export function tooEarly(requests: RecordedRequest[]): RecordedRequest[] {
  const offenders: RecordedRequest[] = [];
  let allowedAt = Number.NEGATIVE_INFINITY;
  for (const request of requests) {
    if (request.sentAt < allowedAt) offenders.push(request);
    if (request.nextAllowedAt !== null) allowedAt = Math.max(allowedAt, request.nextAllowedAt);
  }
  return offenders;
}

/** The promises every waiting-room integration test makes, checked in one place. */
export function expectPolite(h: Harness): string[] {
  const problems: string[] = [];
  for (const route of ["GET status", "POST join"]) {
    for (const r of tooEarly(h.byRoute(route)))
      problems.push(`${route} at +${r.sentAt - T0} ms was too early`);
  }
  // The governor is the seat belt: a correct client never meets it.
  const holds = h.governorHolds();
  if (holds > 0) problems.push(`the request governor held ${holds} request(s)`);
  return problems;
}
