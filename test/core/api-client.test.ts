import { describe, expect, it } from "vitest";
import { createApiClient } from "../../src/core/api/client.ts";
import type { FetchLike, RequestInitLike, ResponseLike } from "../../src/core/api/fetch-like.ts";
import { ApiError, type ApiFailure } from "../../src/core/api/types.ts";
import type { ClockSample } from "../../src/core/clock/types.ts";
import { examples } from "../contract/examples.ts";
import { createFakeClock, type FakeClock, flushMicrotasks } from "../support/fake-clock.ts";

// Device clock deliberately far from the server's (which says 2021-07-19T11:00:00Z).
const DEVICE_START = Date.UTC(2021, 6, 19, 13, 0, 0);
const SERVER_DATE = "Mon, 19 Jul 2021 11:00:00 GMT";
const SERVER_MS = Date.UTC(2021, 6, 19, 11, 0, 0);

interface Call {
  url: string;
  init: RequestInitLike;
}

type Answer = ResponseLike | ((init: RequestInitLike) => Promise<ResponseLike>);

/** A fetch that answers from a script and records what it was asked. */
function stubFetch(...answers: Answer[]): FetchLike & { calls: Call[] } {
  const calls: Call[] = [];
  const fetch = async (url: string, init: RequestInitLike) => {
    calls.push({ url, init });
    const answer = answers.shift();
    if (answer === undefined) throw new Error("stub fetch: no answer scripted");
    return typeof answer === "function" ? answer(init) : answer;
  };
  return Object.assign(fetch, { calls });
}

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", date: SERVER_DATE, ...headers },
  });
}

function problemResponse(status: number, code: string, headers: Record<string, string> = {}): Response {
  const body = { type: "about:blank", title: "Nope", status, code };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/problem+json", date: SERVER_DATE, ...headers },
  });
}

function setup(...answers: Answer[]) {
  const clock = createFakeClock(DEVICE_START);
  const fetch = stubFetch(...answers);
  const samples: ClockSample[] = [];
  const api = createApiClient({ fetch, clock, onClockSample: (s) => samples.push(s) });
  return { clock, fetch, samples, api };
}

/** The ApiFailure a promise rejects with (fails the test if it resolves or throws something else). */
async function failureOf(promise: Promise<unknown>): Promise<ApiFailure> {
  const error = await promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return (error as ApiError).failure;
}

/** Settled state of a promise without waiting for it. */
function watch(promise: Promise<unknown>) {
  const state = { settled: false };
  promise.then(
    () => {
      state.settled = true;
    },
    () => {
      state.settled = true;
    },
  );
  return state;
}

const timeBody = { serverTime: "2021-07-19T11:00:00.250Z" };
const [waiting] = examples.QueueStatus;
const [reservation] = examples.Reservation;
const identityBody = { name: "홍길동", birthDate: "1969-03-02", phone: "010-1234-5678" };
const reservationRequest = { identityToken: "id", centerId: "c", date: "2021-07-26", time: "09:30" };
const KEY = "7f3c2a8e-1b4d-4c5e-9f60-0a1b2c3d4e5f";

describe("createApiClient: requests", () => {
  it("GETs under /api/v1 asking for JSON, with no auth, key or body", async () => {
    const { api, fetch } = setup(jsonResponse(200, examples.EventsResponse[0]));
    await api.listEvents();
    const [call] = fetch.calls;
    expect(call?.url).toBe("/api/v1/events");
    expect(call?.init.method).toBe("GET");
    expect(call?.init.headers).toEqual({ Accept: "application/json" });
    expect(call?.init.body).toBeUndefined();
  });

  it("sends the ticket token as a bearer and encodes path segments", async () => {
    const { api, fetch } = setup(jsonResponse(200, waiting));
    await api.getTicketStatus("c50-54", "t/1 2", "tok.sig");
    expect(fetch.calls[0]?.url).toBe("/api/v1/events/c50-54/tickets/t%2F1%202");
    expect(fetch.calls[0]?.init.headers.Authorization).toBe("Bearer tok.sig");
  });

  it("POSTs a join with the Idempotency-Key and no body", async () => {
    const { api, fetch } = setup(jsonResponse(201, examples.JoinResponse[0]));
    const reply = await api.joinQueue("c50-54", KEY);
    expect(reply.status).toBe(201);
    expect(fetch.calls[0]?.url).toBe("/api/v1/events/c50-54/tickets");
    expect(fetch.calls[0]?.init).toMatchObject({ method: "POST", headers: { "Idempotency-Key": KEY } });
    expect(fetch.calls[0]?.init.body).toBeUndefined();
  });

  it("POSTs JSON bodies with the admission bearer and the key", async () => {
    const { api, fetch } = setup(jsonResponse(200, examples.IdentityResponse[0]));
    await api.verifyIdentity(identityBody, "adm.sig", KEY);
    const init = fetch.calls[0]?.init;
    expect(init?.headers).toEqual({
      Accept: "application/json",
      Authorization: "Bearer adm.sig",
      "Idempotency-Key": KEY,
      "Content-Type": "application/json",
    });
    expect(JSON.parse(init?.body ?? "")).toEqual(identityBody);
  });

  it("builds every contract URL (custom base, queries, DELETEs)", async () => {
    const clock = createFakeClock(DEVICE_START);
    const fetch = stubFetch(
      jsonResponse(200, { regions: [] }),
      jsonResponse(200, { centers: [] }),
      jsonResponse(200, { centers: [] }),
      jsonResponse(200, { slots: [] }),
      jsonResponse(201, { reservation }),
      jsonResponse(200, { reservation }),
      jsonResponse(200, { reservation: { ...reservation, status: "cancelled" } }),
      new Response(null, { status: 204, headers: { date: SERVER_DATE } }),
      jsonResponse(200, timeBody),
    );
    const api = createApiClient({ fetch, clock, baseUrl: "https://api.example/v1/" });
    await api.listRegions();
    await api.listCenters(null);
    await api.listCenters("11");
    await api.listSlots("seoul 1", "2021-07-26", "2021-07-31", "adm");
    await api.createReservation(
      { identityToken: "id", centerId: "c", date: "2021-07-26", time: "09:30" },
      "adm",
      KEY,
    );
    await api.getReservation("r-1", "acc");
    await api.cancelReservation("r-1", "acc");
    const left = await api.leaveQueue("e", "t", "tok");
    await api.getTime();
    expect(fetch.calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      "GET https://api.example/v1/regions",
      "GET https://api.example/v1/centers",
      "GET https://api.example/v1/centers?region=11",
      "GET https://api.example/v1/centers/seoul%201/slots?from=2021-07-26&to=2021-07-31",
      "POST https://api.example/v1/reservations",
      "GET https://api.example/v1/reservations/r-1",
      "DELETE https://api.example/v1/reservations/r-1",
      "DELETE https://api.example/v1/events/e/tickets/t",
      "GET https://api.example/v1/time",
    ]);
    expect(left).toEqual({ body: null, status: 204, replayed: false, held: false });
    expect(fetch.calls[3]?.init.headers.Authorization).toBe("Bearer adm");
    expect(fetch.calls[6]?.init.headers.Authorization).toBe("Bearer acc");
  });
});

describe("createApiClient: successful answers", () => {
  it("returns the decoded body, the status and whether it was a replay", async () => {
    const { api } = setup(
      jsonResponse(201, examples.JoinResponse[1], { "idempotent-replayed": "true" }),
      jsonResponse(201, examples.JoinResponse[1]),
    );
    expect(await api.joinQueue("c50-54", KEY)).toEqual({
      body: examples.JoinResponse[1],
      status: 201,
      replayed: true,
      held: false,
    });
    expect((await api.joinQueue("c50-54", KEY)).replayed).toBe(false);
  });

  it("asks for a held status read with Prefer: wait, and says when the server applied it", async () => {
    const status = examples.QueueStatus[1];
    const { api, fetch } = setup(
      jsonResponse(200, status, { "preference-applied": "wait=25" }),
      jsonResponse(200, status),
    );
    const held = await api.getTicketStatus("c50-54", "t1", "tok", { waitSeconds: 25 });
    const plain = await api.getTicketStatus("c50-54", "t1", "tok");
    expect(fetch.calls[0]?.init.headers.Prefer).toBe("wait=25");
    expect(fetch.calls[1]?.init.headers.Prefer).toBeUndefined();
    expect(held.held).toBe(true);
    expect(plain.held).toBe(false);
  });

  it("drops fields a newer server adds", async () => {
    const { api } = setup(jsonResponse(200, { ...timeBody, leapSmear: true }));
    expect((await api.getTime()).body).toEqual(timeBody);
  });
});

describe("createApiClient: failure classification", () => {
  it("http: decodes the problem and reads Retry-After as delta-seconds", async () => {
    const { api } = setup(problemResponse(429, "rate_limited", { "retry-after": "7" }));
    expect(await failureOf(api.getTicketStatus("e", "t", "tok"))).toEqual({
      kind: "http",
      status: 429,
      problem: { type: "about:blank", title: "Nope", status: 429, code: "rate_limited" },
      retryAfterMs: 7000,
    });
  });

  it("http: reads an HTTP-date Retry-After against the response's Date, not the device clock", async () => {
    const { api } = setup(
      problemResponse(503, "overloaded", { "retry-after": "Mon, 19 Jul 2021 11:00:30 GMT" }),
    );
    const failure = await failureOf(api.listEvents());
    expect(failure).toMatchObject({ kind: "http", status: 503, retryAfterMs: 30_000 });
  });

  it("http: without a Date header, an HTTP-date Retry-After counts from the device clock", async () => {
    const { api } = setup(
      new Response(JSON.stringify({ type: "about:blank", title: "Busy", status: 503, code: "overloaded" }), {
        status: 503,
        headers: {
          "content-type": "application/problem+json",
          "retry-after": "Mon, 19 Jul 2021 13:00:12 GMT",
        },
      }),
    );
    expect(await failureOf(api.getTime())).toMatchObject({ retryAfterMs: 12_000 });
  });

  it("http: no Retry-After gives null; problem extras come through", async () => {
    const body = {
      type: "about:blank",
      title: "Taken",
      status: 409,
      code: "already_reserved",
      reservationId: "r-9",
    };
    const { api } = setup(jsonResponse(409, body));
    expect(await failureOf(api.createReservation(reservationRequest, "adm", KEY))).toEqual({
      kind: "http",
      status: 409,
      problem: body,
      retryAfterMs: null,
    });
  });

  it("http: an answer without a readable problem gets a synthesized http_<status> code", async () => {
    const { api } = setup(
      new Response("<html>Bad Gateway</html>", { status: 502, headers: { "content-type": "text/html" } }),
      jsonResponse(500, { error: "boom" }),
    );
    expect(await failureOf(api.getTime())).toEqual({
      kind: "http",
      status: 502,
      problem: { type: "about:blank", title: "HTTP 502", status: 502, code: "http_502" },
      retryAfterMs: null,
    });
    expect(await failureOf(api.getTime())).toMatchObject({ problem: { code: "http_500" } });
  });

  it("invalid_response: a 2xx that is not JSON, is broken JSON, or has the wrong shape", async () => {
    const { api } = setup(
      new Response("<!doctype html><title>app</title>", {
        status: 200,
        headers: { "content-type": "text/html" },
      }),
      new Response('{"events": [', { status: 200, headers: { "content-type": "application/json" } }),
      jsonResponse(200, { result: "ok", data: [1, 2, 3], serverTime: 12345 }),
      jsonResponse(200, { ...waiting, ahead: -4 }),
    );
    expect(await failureOf(api.listEvents())).toEqual({
      kind: "invalid_response",
      status: 200,
      message: "expected a JSON body",
    });
    expect(await failureOf(api.listEvents())).toMatchObject({
      kind: "invalid_response",
      message: "body is not JSON",
    });
    expect(await failureOf(api.listEvents())).toMatchObject({ message: "events: expected array" });
    expect(await failureOf(api.getTicketStatus("e", "t", "tok"))).toMatchObject({
      message: "ahead: expected integer 0-100000000",
    });
  });

  it("invalid_response: a cancel that does not come back cancelled", async () => {
    const { api } = setup(jsonResponse(200, { reservation }));
    expect(await failureOf(api.cancelReservation("r", "acc"))).toMatchObject({
      kind: "invalid_response",
      message: 'reservation.status: expected "cancelled"',
    });
  });

  it("invalid_response messages name the field, never the data", async () => {
    const { api } = setup(jsonResponse(200, { identity: { ...examples.Identity[0], maskedName: 42 } }));
    const error = await api.verifyIdentity(identityBody, "adm", KEY).catch((e: ApiError) => e);
    expect(error).toBeInstanceOf(ApiError);
    const text = `${(error as ApiError).message} ${JSON.stringify((error as ApiError).failure)}`;
    expect(text).toContain("identity.maskedName: expected string");
    for (const secret of ["홍길동", "1969-03-02", "010-1234-5678", "adm"]) expect(text).not.toContain(secret);
  });

  it("network: fetch itself rejects (refused, reset)", async () => {
    const { api } = setup(async () => {
      throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
    });
    expect(await failureOf(api.getTime())).toEqual({
      kind: "network",
      message: "fetch failed (ECONNREFUSED)",
    });
  });

  it("network: the body is cut off mid-way", async () => {
    const cut = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"serverTime": "2021-'));
      },
      pull(controller) {
        controller.error(new TypeError("terminated"));
      },
    });
    const { api } = setup(
      new Response(cut, { status: 200, headers: { "content-type": "application/json", date: SERVER_DATE } }),
    );
    expect(await failureOf(api.getTime())).toMatchObject({ kind: "network" });
  });

  it("does not disguise a programming error in our own code as a network failure", async () => {
    const clock = createFakeClock(DEVICE_START);
    const api = createApiClient({
      fetch: stubFetch(jsonResponse(200, timeBody)),
      clock,
      onClockSample: () => {
        throw new TypeError("sample is not a function");
      },
    });
    const error = await api.getTime().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(ApiError);
  });
});

describe("createApiClient: timeouts and aborts", () => {
  /** A fetch that answers only when aborted (as a real fetch does), or never if `deaf`. */
  const silent =
    (deaf = false) =>
    (init: RequestInitLike) =>
      new Promise<ResponseLike>((_, reject) => {
        if (!deaf) init.signal.addEventListener("abort", () => reject(new Error("AbortError")));
      });

  it("times out on the injected clock (default 10 s), and not before", async () => {
    const { api, clock } = setup(silent());
    const call = api.getTime();
    const state = watch(call);
    const result = failureOf(call);
    await clock.advance(9_999);
    expect(state.settled).toBe(false);
    await clock.advance(1);
    expect(await result).toEqual({ kind: "timeout", timeoutMs: 10_000 });
    expect(clock.pendingTimers()).toBe(0);
  });

  it("times out even when the fetch ignores its signal, with the per-call timeout", async () => {
    const { api, clock } = setup(silent(true));
    const result = failureOf(api.listEvents({ timeoutMs: 2_500 }));
    await clock.advance(2_500);
    expect(await result).toEqual({ kind: "timeout", timeoutMs: 2_500 });
  });

  it("times out while a body trickles in too slowly", async () => {
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("{"));
      },
    });
    const { api, clock } = setup(new Response(stalled, { status: 200, headers: { date: SERVER_DATE } }));
    const result = failureOf(api.getTime({ timeoutMs: 3_000 }));
    await clock.advance(3_000);
    expect(await result).toEqual({ kind: "timeout", timeoutMs: 3_000 });
  });

  it("reports the caller's abort as aborted, not as a failure of the network", async () => {
    const { api, fetch } = setup(silent());
    const controller = new AbortController();
    const result = failureOf(api.getTicketStatus("e", "t", "tok", { signal: controller.signal }));
    await flushMicrotasks();
    controller.abort();
    expect(await result).toEqual({ kind: "aborted" });
    expect(fetch.calls[0]?.init.signal.aborted).toBe(true);
  });

  it("does not even send when the signal is already aborted", async () => {
    const { api, fetch, clock } = setup(jsonResponse(200, timeBody));
    const controller = new AbortController();
    controller.abort();
    expect(await failureOf(api.getTime({ signal: controller.signal }))).toEqual({ kind: "aborted" });
    expect(fetch.calls).toHaveLength(0);
    expect(clock.pendingTimers()).toBe(0);
  });

  it("lets go of its timer and the caller's signal after an answer", async () => {
    const { api, clock } = setup(jsonResponse(200, timeBody));
    const controller = new AbortController();
    await api.getTime({ signal: controller.signal });
    expect(clock.pendingTimers()).toBe(0);
    controller.abort(); // must not throw or affect anything
  });
});

describe("createApiClient: clock samples", () => {
  /** Answers after `ms` of (fake) device time, as a slow network would. */
  const after = (clock: () => FakeClock, ms: number, response: Response) => async () => {
    await clock().advance(ms);
    return response;
  };

  it("takes a precise sample from a body serverTime, stamped around the exchange", async () => {
    let clock: FakeClock | undefined;
    const setupResult = setup(after(() => clock as FakeClock, 300, jsonResponse(200, timeBody)));
    clock = setupResult.clock;
    await setupResult.api.getTime();
    expect(setupResult.samples).toEqual([
      {
        sentAt: DEVICE_START,
        receivedAt: DEVICE_START + 300,
        serverTime: Date.parse(timeBody.serverTime),
        precise: true,
      },
    ]);
  });

  it("uses the queue status's serverTime inside a join answer", async () => {
    const { api, samples } = setup(jsonResponse(201, examples.JoinResponse[1]));
    await api.joinQueue("e", KEY);
    expect(samples).toEqual([
      expect.objectContaining({ serverTime: Date.parse(waiting?.serverTime as string), precise: true }),
    ]);
  });

  it("falls back on the Date header (imprecise) for bodies without serverTime, errors and bad bodies", async () => {
    const { api, samples } = setup(
      jsonResponse(200, { regions: [] }),
      problemResponse(404, "not_found"),
      jsonResponse(200, { serverTime: "yesterday" }),
    );
    await api.listRegions();
    await api.getReservation("r", "acc").catch(() => undefined);
    await api.getTime().catch(() => undefined);
    expect(samples).toEqual([
      { sentAt: DEVICE_START, receivedAt: DEVICE_START, serverTime: SERVER_MS, precise: false },
      { sentAt: DEVICE_START, receivedAt: DEVICE_START, serverTime: SERVER_MS, precise: false },
      { sentAt: DEVICE_START, receivedAt: DEVICE_START, serverTime: SERVER_MS, precise: false },
    ]);
  });

  it("reports nothing when the answer tells no time", async () => {
    const { api, samples } = setup(
      new Response(JSON.stringify({ regions: [] }), { headers: { "content-type": "application/json" } }),
    );
    await api.listRegions();
    expect(samples).toEqual([]);
  });
});
