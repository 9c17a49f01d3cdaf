/**
 * The booking client against the mock backend model, on a fake clock: the
 * model fetch (no sockets), the real API client, server clock and retry
 * policy, and a memory store that outlives client instances ("reloads").
 */

import { createModelFetch } from "../../mocks/fetch.ts";
import { type Backend, createBackend, type ScenarioName } from "../../mocks/model/index.ts";
import { createApiClient } from "../../src/core/api/client.ts";
import type { FetchLike } from "../../src/core/api/fetch-like.ts";
import type { ApiClient } from "../../src/core/api/types.ts";
import { type BookingClientDeps, createBookingClient } from "../../src/core/booking/client.ts";
import type { BookingClient, BookingView } from "../../src/core/booking/types.ts";
import { createServerClock } from "../../src/core/clock/server-clock.ts";
import type { ServerClock } from "../../src/core/clock/types.ts";
import type { Admission } from "../../src/core/contract/types.ts";
import { sleep } from "../../src/core/net/sleep.ts";
import { createMemoryStore } from "../../src/core/store/memory-store.ts";
import type { Store } from "../../src/core/store/types.ts";
import { createFakeClock, type FakeClock, flushMicrotasks } from "../support/fake-clock.ts";
import { seededIds, seededRandom } from "../support/seeded.ts";

/** 2021-07-19 20:00 KST. */
export const T0 = Date.parse("2021-07-19T11:00:00Z");
export const EVENT_ID = "c55-59";
/** Born 1964: in the 55-59 cohort of the calm scenario's open event. */
export const PERSON = { name: "홍길동", birthDate: "1964-03-02", phone: "010-1234-5678" };

export interface Harness {
  clock: FakeClock;
  backend: Backend;
  store: Store;
  /** Every request the client made, in order (method, path, Idempotency-Key, body). */
  requests: { method: string; url: string; key: string | null; body: string | null }[];
  /** The same API client the booking clients use (for setting up other people's bookings). */
  api: ApiClient;
  /** Called as each request is sent (after it is recorded). */
  onRequest: ((request: Harness["requests"][number]) => void) | null;
  /** Server time of each request, parallel to `requests`. */
  requestTimes: number[];
  /** The server-time estimate the clients share. */
  serverClock: ServerClock;
  /** A client on this device's store (a reload), or on another device's store. */
  newClient(store?: Store, extra?: Partial<BookingClientDeps>): BookingClient;
  /** Moves fake time by `ms`, running due timers one by one and letting the model answer in between. */
  advance(ms: number): Promise<void>;
  /** Lets pending requests and promise chains finish without moving time. */
  idle(): Promise<void>;
  admit(eventId?: string): Promise<{ admission: Admission; eventId: string }>;
  /** Runs `work` while moving fake time timer by timer until it settles (retries, timeouts, latency). */
  settle<T>(work: Promise<T>, maxSteps?: number): Promise<T>;
}

export function createHarness(
  opts: { scenario?: ScenarioName; seed?: number; deviceSkewMs?: number } = {},
): Harness {
  const seed = opts.seed ?? 1;
  const clock = createFakeClock(T0, opts.deviceSkewMs ?? 0);
  const backend = createBackend({ scenario: opts.scenario ?? "calm", seed, now: clock.trueNow });
  // The model signs tokens with WebCrypto, which settles on a real thread, not a microtask: count
  // requests inside the model so fake time only moves once they are answered.
  let inModel = 0;
  const tracked: Backend = {
    ...backend,
    handle: (req) => {
      inModel += 1;
      return backend.handle(req).finally(() => {
        inModel -= 1;
      });
    },
  };
  const modelFetch = createModelFetch(tracked, {
    sleep: (ms, signal) => sleep(clock, ms, signal ?? undefined),
  });
  const idle = async () => {
    await flushMicrotasks(50);
    while (inModel > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      await flushMicrotasks(50);
    }
  };
  const requests: Harness["requests"] = [];
  const requestTimes: number[] = [];
  const fetch: FetchLike = (url, init) => {
    requestTimes.push(clock.trueNow());
    const request = {
      method: init.method,
      url,
      key: init.headers["Idempotency-Key"] ?? null,
      body: init.body ?? null,
    };
    requests.push(request);
    harness.onRequest?.(request);
    return modelFetch(url, init as RequestInit) as unknown as ReturnType<FetchLike>;
  };
  const serverClock = createServerClock(clock);
  const api = createApiClient({
    fetch,
    baseUrl: "http://localhost/api/v1",
    clock,
    onClockSample: (sample) => serverClock.observe(sample),
  });
  const store = createMemoryStore();
  const random = seededRandom(seed);
  const newId = seededIds(random);

  async function settle<T>(work: Promise<T>, maxSteps = 500): Promise<T> {
    let done = false;
    let failed = false;
    let value: T | undefined;
    let error: unknown;
    work.then(
      (v) => {
        done = true;
        value = v;
      },
      (e) => {
        failed = true;
        error = e;
      },
    );
    for (let steps = 0; steps < maxSteps; steps++) {
      await idle();
      if (done) return value as T;
      if (failed) throw error;
      await clock.step();
    }
    throw new Error("did not settle");
  }

  async function admit(eventId = EVENT_ID) {
    const joined = await settle(api.joinQueue(eventId, newId()));
    for (let i = 0; i < 100; i++) {
      const status = await settle(
        api.getTicketStatus(eventId, joined.body.ticket.id, joined.body.ticket.token),
      );
      if (status.body.admission) return { admission: status.body.admission, eventId };
      await clock.advance(Math.max(1, status.body.pollAfterSeconds) * 1000);
    }
    throw new Error("never admitted");
  }

  async function advance(ms: number) {
    const until = clock.trueNow() + ms;
    for (;;) {
      await idle();
      const next = clock.nextTimerAt();
      if (next === null || next > until) break;
      await clock.step();
    }
    await clock.advance(until - clock.trueNow());
    await idle();
  }

  const harness: Harness = {
    onRequest: null,
    clock,
    backend,
    store,
    requests,
    requestTimes,
    api,
    advance,
    idle,
    serverClock,
    newClient: (on = store, extra = {}) =>
      createBookingClient({ api, store: on, clock, serverClock, random, newId, ...extra }),
    admit,
    settle,
  };
  return harness;
}

/** Drives a client from a fresh admission to the confirm step with a free slot chosen. */
export async function toConfirmStep(
  h: Harness,
  client: BookingClient,
  person = PERSON,
): Promise<BookingView> {
  const { admission, eventId } = await h.admit();
  await h.settle(client.start(admission, eventId));
  client.setIdentity(person);
  await h.settle(client.submitIdentity());
  await h.settle(client.chooseRegion("11"));
  const center = client.getView().centerMatches[0];
  if (!center) throw new Error("no center in region 11");
  await h.settle(client.chooseCenter(center.id));
  const slot = client.getView().slots?.find((s) => s.remaining > 0);
  if (!slot) throw new Error("no free slot");
  await h.settle(client.chooseSlot(slot.date, slot.time));
  return client.getView();
}

export const confirmRequests = (h: Harness) =>
  h.requests.filter((r) => r.method === "POST" && r.url.endsWith("/reservations"));
