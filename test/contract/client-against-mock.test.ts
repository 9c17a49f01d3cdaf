/**
 * The real API client against the mock backend (MSW in Node, real fetch):
 * the whole booking flow decodes, the mock's injected faults come out as the
 * right ApiFailure kinds, and clock samples carry the server's time while the
 * device clock is two hours off. One fake clock drives both sides.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeMock } from "../../mocks/node.ts";
import { createApiClient } from "../../src/core/api/client.ts";
import { ApiError, type ApiFailure } from "../../src/core/api/types.ts";
import type { ClockSample } from "../../src/core/clock/types.ts";
import type { QueueStatus } from "../../src/core/contract/types.ts";
import { createFakeClock } from "../support/fake-clock.ts";

const START = Date.UTC(2021, 6, 19, 11, 0, 0);
const SKEW = 2 * 3600_000;
const PERSON = { name: "홍길동", birthDate: "1964-03-02", phone: "010-1234-5678" };

const clock = createFakeClock(START, SKEW);
const { backend, server } = createNodeMock({ scenario: "calm", seed: 11, now: () => clock.trueNow() });
const samples: ClockSample[] = [];
const api = createApiClient({
  // Looked up per call: MSW swaps the global fetch when the server starts listening.
  fetch: (url, init) => fetch(url, init),
  baseUrl: "http://jari.test/api/v1",
  clock,
  onClockSample: (s) => samples.push(s),
  // These tests probe one fault after another on the same endpoint, back to back on a still clock:
  // a budget wide enough for that keeps the governor (tested in its own file) out of the way.
  governor: { burst: 100 },
});

async function failureOf(promise: Promise<unknown>): Promise<ApiFailure> {
  const error = await promise.then(
    () => new Error("expected the call to fail"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return (error as ApiError).failure;
}

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

describe("the API client against the mock", () => {
  let admissionToken = "";
  let ticket = { id: "", token: "" };

  it("joins, polls until admitted, and books, every body decoded", async () => {
    const events = await api.listEvents();
    const open = events.body.events.find((e) => e.status === "open");
    expect(open?.id).toBe("c55-59");
    const joined = await api.joinQueue("c55-59", crypto.randomUUID());
    ticket = joined.body.ticket;
    let status: QueueStatus = joined.body.status;
    for (let polls = 0; status.state !== "admitted" && polls < 100; polls++) {
      await clock.advance(status.pollAfterSeconds * 1000);
      status = (await api.getTicketStatus("c55-59", ticket.id, ticket.token)).body;
    }
    admissionToken = status.admission?.token ?? "";
    expect(admissionToken).not.toBe("");

    const identity = await api.verifyIdentity(PERSON, admissionToken, crypto.randomUUID());
    expect(identity.body.identity.eligible).toBe(true);
    const regions = await api.listRegions();
    const centers = await api.listCenters(regions.body.regions[0]?.code ?? null);
    const centerId = centers.body.centers[0]?.id ?? "";
    const slots = await api.listSlots(centerId, "2021-07-26", "2021-08-01", admissionToken);
    const slot = slots.body.slots.find((s) => s.remaining > 0);
    expect(slot).toBeDefined();
    const request = {
      identityToken: identity.body.identity.token,
      centerId,
      date: slot?.date ?? "",
      time: slot?.time ?? "",
    };
    const key = crypto.randomUUID();
    const booked = await api.createReservation(request, admissionToken, key);
    expect(booked).toMatchObject({
      status: 201,
      replayed: false,
      body: { reservation: { status: "confirmed" } },
    });
    const replay = await api.createReservation(request, admissionToken, key);
    expect(replay.replayed).toBe(true);
    expect(replay.body).toEqual(booked.body);

    const twice = await failureOf(api.createReservation(request, admissionToken, crypto.randomUUID()));
    expect(twice).toMatchObject({ kind: "http", status: 409, problem: { code: "already_reserved" } });

    const { id, accessToken } = booked.body.reservation;
    expect((await api.getReservation(id, accessToken)).body).toEqual(booked.body);
    const cancelled = await api.cancelReservation(id, accessToken);
    expect(cancelled.body.reservation.status).toBe("cancelled");
    expect((await api.cancelReservation(id, accessToken)).body).toEqual(cancelled.body);
  });

  it("feeds the server's time, not the device's, into clock samples", async () => {
    samples.length = 0;
    await api.getTime();
    await api.listRegions();
    expect(samples).toEqual([
      { sentAt: clock.now(), receivedAt: clock.now(), serverTime: clock.trueNow(), precise: true },
      // The Date header has whole seconds.
      {
        sentAt: clock.now(),
        receivedAt: clock.now(),
        serverTime: Math.floor(clock.trueNow() / 1000) * 1000,
        precise: false,
      },
    ]);
  });

  it("sorts the mock's faults into failure kinds", async () => {
    const time = { method: "GET", path: "/time" };
    backend.faults.once(time, { kind: "drop" });
    expect(await failureOf(api.getTime())).toMatchObject({ kind: "network" });
    backend.faults.once(time, { kind: "cut" });
    expect(await failureOf(api.getTime())).toMatchObject({ kind: "network" });
    backend.faults.once(time, { kind: "malformed", shape: "invalid-json" });
    expect(await failureOf(api.getTime())).toMatchObject({ kind: "invalid_response", status: 200 });
    backend.faults.once(time, { kind: "malformed", shape: "wrong-shape" });
    expect(await failureOf(api.getTime())).toMatchObject({
      kind: "invalid_response",
      message: "serverTime: expected RFC 3339 timestamp",
    });
    backend.faults.once(time, { kind: "status", status: 500 });
    expect(await failureOf(api.getTime())).toMatchObject({ kind: "http", status: 500, retryAfterMs: null });
    backend.faults.once(time, { kind: "status", status: 503, retryAfter: "http-date" });
    const overloaded = await failureOf(api.getTime());
    expect(overloaded).toMatchObject({ kind: "http", status: 503, problem: { code: "overloaded" } });
    // Read against the answer's Date header, so the device's two-hour skew does not matter.
    const retryAfterMs = overloaded.kind === "http" ? overloaded.retryAfterMs : null;
    expect(retryAfterMs).toBeGreaterThanOrEqual(5000);
    expect(retryAfterMs).toBeLessThanOrEqual(7000);
    backend.faults.once(time, { kind: "status", status: 429, retryAfter: 9 });
    expect(await failureOf(api.getTime())).toMatchObject({ kind: "http", status: 429, retryAfterMs: 9000 });
  });

  it("times out on a hung request when the injected clock says so", async () => {
    backend.faults.once({ method: "GET", path: "/time" }, { kind: "hang" });
    const result = failureOf(api.getTime({ timeoutMs: 4000 }));
    await clock.advance(4000);
    expect(await result).toEqual({ kind: "timeout", timeoutMs: 4000 });
  });

  it("reports a caller's abort of a hung request as aborted", async () => {
    backend.faults.once({ method: "GET", path: "/time" }, { kind: "hang" });
    const controller = new AbortController();
    const result = failureOf(api.getTime({ signal: controller.signal }));
    await clock.advance(100);
    controller.abort();
    expect(await result).toEqual({ kind: "aborted" });
  });

  it("sees a join whose answer was lost as a network failure, and gets it back by retrying the key", async () => {
    const key = crypto.randomUUID();
    backend.faults.once({ method: "POST" }, { kind: "lost" });
    expect(await failureOf(api.joinQueue("c55-59", key))).toMatchObject({ kind: "network" });
    const retried = await api.joinQueue("c55-59", key);
    expect(retried.replayed).toBe(true);
  });

  it("turns a tampered token into http 401 invalid_token", async () => {
    const failure = await failureOf(api.getTicketStatus("c55-59", ticket.id, `${ticket.token}x`));
    expect(failure).toMatchObject({ kind: "http", status: 401, problem: { code: "invalid_token" } });
  });
});
