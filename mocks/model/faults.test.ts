import { describe, expect, it } from "vitest";
import type { JoinResponse, QueueStatus } from "../../src/core/contract/types.ts";
import { retryAfter } from "./faults.ts";
import { admit, bodyOf, setup, statusOf, T0 } from "./test/harness.ts";

const KEY = "3b241101-e2bb-4255-8caf-4136c566a962";

describe("one-shot faults", () => {
  it("drop: no answer and nothing applied", async () => {
    const h = setup();
    h.backend.faults.once({ method: "POST" }, { kind: "drop" });
    expect((await h.call("POST", "/events/c55-59/tickets", { key: KEY })).kind).toBe("drop");
    expect(h.backend.inspect().tickets).toBe(0);
  });

  it("lost: applied, answer lost; a retry with the same key gets the first answer", async () => {
    const h = setup();
    h.backend.faults.once({ method: "POST", path: /\/tickets$/ }, { kind: "lost" });
    expect((await h.call("POST", "/events/c55-59/tickets", { key: KEY })).kind).toBe("drop");
    expect(h.backend.inspect().tickets).toBe(1);
    const retry = await h.call("POST", "/events/c55-59/tickets", { key: KEY });
    expect(statusOf(retry)).toBe(201);
    expect(retry.kind === "respond" && retry.headers["idempotent-replayed"]).toBe("true");
    expect(h.backend.inspect().tickets).toBe(1);
  });

  it("hang: never answers and nothing applied", async () => {
    const h = setup();
    h.backend.faults.once({}, { kind: "hang" });
    expect(await h.call("POST", "/events/c55-59/tickets")).toEqual({ kind: "hang" });
    expect(h.backend.inspect().tickets).toBe(0);
  });

  it("cut: applied; headers and the first part of the body only", async () => {
    const h = setup();
    h.backend.faults.once({ path: "/events/c55-59/tickets" }, { kind: "cut" });
    const out = await h.call("POST", "/events/c55-59/tickets");
    if (out.kind !== "cut") throw new Error(`expected cut, got ${out.kind}`);
    expect(out.status).toBe(201);
    expect(out.partialBody.startsWith('{"ticket":')).toBe(true);
    expect(() => JSON.parse(out.partialBody)).toThrow();
    expect(h.backend.inspect().tickets).toBe(1);
  });

  it("malformed: invalid JSON, JSON of the wrong shape, or a given body", async () => {
    const h = setup();
    h.backend.faults.once({}, { kind: "malformed" });
    const broken = await h.call("GET", "/events");
    expect(() => bodyOf(broken)).toThrow();
    h.backend.faults.once({}, { kind: "malformed", shape: "wrong-shape" });
    const wrong = bodyOf(await h.call("GET", "/time"));
    expect(typeof wrong.serverTime).not.toBe("string");
    h.backend.faults.once({}, { kind: "malformed", body: "[]" });
    const given = await h.call("GET", "/time");
    expect([statusOf(given), given.kind === "respond" && given.body]).toEqual([200, "[]"]);
  });

  it("status: 429 and 503 carry Retry-After in both forms, 500 a problem", async () => {
    const h = setup();
    h.backend.faults.once({}, { kind: "status", status: 429, retryAfter: 7 });
    const limited = await h.call("GET", "/time");
    expect(limited.kind === "respond" && limited.headers["retry-after"]).toBe("7");
    expect(bodyOf(limited)).toMatchObject({ status: 429, code: "rate_limited" });
    h.backend.faults.once({}, { kind: "status", status: 503, retryAfter: "http-date" });
    const busy = await h.call("GET", "/time");
    const date = busy.kind === "respond" ? Date.parse(busy.headers["retry-after"] ?? "") : Number.NaN;
    expect(date).toBeGreaterThanOrEqual(T0 + 5000);
    expect(bodyOf(busy).code).toBe("overloaded");
    expect(busy.kind === "respond" && busy.headers["content-type"]).toBe("application/problem+json");
    h.backend.faults.once({}, { kind: "status", status: 500 });
    expect(statusOf(await h.call("GET", "/time"))).toBe(500);
    expect(statusOf(await h.call("GET", "/time"))).toBe(200);
  });

  it("latency: answered later", async () => {
    const h = setup();
    h.backend.faults.once({}, { kind: "latency", ms: 2500 });
    const out = await h.call("GET", "/time");
    expect(out.kind === "respond" && out.delayMs).toBe(2500);
  });

  it("matches on method and path", async () => {
    const h = setup();
    h.backend.faults.once({ method: "POST", path: "/identity" }, { kind: "drop" });
    expect((await h.call("GET", "/time")).kind).toBe("respond");
    expect((await h.call("POST", "/events/c55-59/tickets")).kind).toBe("respond");
  });

  it("bounce: the first answer carrying an admission is lost; asking again returns it", async () => {
    const h = setup();
    const joined = bodyOf<JoinResponse>(await h.call("POST", "/events/c55-59/tickets"));
    h.backend.faults.once({ path: /\/tickets\// }, { kind: "bounce" });
    const url = `/events/c55-59/tickets/${joined.ticket.id}`;
    expect(statusOf(await h.call("GET", url, { token: joined.ticket.token }))).toBe(200);
    h.clock.advance(((joined.status.etaSeconds ?? 0) + 1) * 1000);
    expect((await h.call("GET", url, { token: joined.ticket.token })).kind).toBe("drop");
    const again = bodyOf<QueueStatus>(await h.call("GET", url, { token: joined.ticket.token }));
    expect(again.state).toBe("admitted");
    expect(again.admission?.token).toBeTruthy();
  });
});

describe("standing faults", () => {
  it("configured rates apply until cleared", async () => {
    const h = setup();
    h.backend.faults.configure({ dropRate: 1 });
    expect((await h.call("GET", "/time")).kind).toBe("drop");
    h.backend.faults.clear();
    expect((await h.call("GET", "/time")).kind).toBe("respond");
  });

  it("capacity: above the per-second limit the model answers 503 with Retry-After", async () => {
    const h = setup();
    h.backend.faults.configure({ capacityPerSecond: 5 });
    const outs = [];
    for (let i = 0; i < 7; i++) outs.push(await h.call("GET", "/time"));
    expect(outs.map(statusOf)).toEqual([200, 200, 200, 200, 200, 503, 503]);
    const last = outs[6];
    expect(last?.kind === "respond" && Number(last.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    h.clock.advance(1000);
    expect(statusOf(await h.call("GET", "/time"))).toBe(200);
  });

  it("outage window: 503 until the window ends, with Retry-After at its end", async () => {
    const h = setup({ scenario: "outage" });
    h.clock.advance(25_000);
    const out = await h.call("GET", "/events");
    expect(statusOf(out)).toBe(503);
    const until = out.kind === "respond" ? Date.parse(out.headers["retry-after"] ?? "") : 0;
    expect(until).toBeGreaterThanOrEqual(T0 + 50_000);
    h.clock.set(T0 + 50_000);
    expect(statusOf(await h.call("GET", "/events"))).toBe(200);
  });

  it("bounce scenario: every ticket's first admission answer is lost, the next one delivers", async () => {
    const h = setup({ scenario: "bounce" });
    const joined = bodyOf<JoinResponse>(await h.call("POST", "/events/c55-59/tickets"));
    h.clock.advance(((joined.status.etaSeconds ?? 0) + 1) * 1000);
    const url = `/events/c55-59/tickets/${joined.ticket.id}`;
    expect((await h.call("GET", url, { token: joined.ticket.token })).kind).toBe("drop");
    const first = bodyOf<QueueStatus>(await h.call("GET", url, { token: joined.ticket.token }));
    const second = bodyOf<QueueStatus>(await h.call("GET", url, { token: joined.ticket.token }));
    expect(first.admission).toBeDefined();
    expect(second.admission).toEqual(first.admission);
  });

  it("flaky: a mix of every fault, mostly good answers; 429/503 always carry Retry-After", async () => {
    const h = setup({ scenario: "flaky" });
    const counts: Record<string, number> = {};
    for (let i = 0; i < 1500; i++) {
      const out = await h.call("GET", "/time");
      const key =
        out.kind === "respond" && out.status === 200
          ? (() => {
              try {
                return typeof bodyOf(out).serverTime === "string" ? "ok" : "wrong-shape";
              } catch {
                return "invalid-json";
              }
            })()
          : out.kind === "cut"
            ? "cut"
            : String(statusOf(out));
      counts[key] = (counts[key] ?? 0) + 1;
      if (out.kind === "respond" && (out.status === 429 || out.status === 503)) {
        expect(out.headers["retry-after"]).toMatch(/^\d+$|GMT$/);
      }
      h.clock.advance(50);
    }
    for (const kind of ["ok", "drop", "cut", "429", "503", "500", "invalid-json", "wrong-shape"]) {
      expect(counts[kind] ?? 0, kind).toBeGreaterThan(0);
    }
    expect((counts.ok ?? 0) / 1500).toBeGreaterThan(0.6);
  });
});

describe("faults on booking", () => {
  it("a lost reservation answer is recovered by retrying with the same key", async () => {
    const h = setup();
    const { admissionToken } = await admit(h);
    const identity = bodyOf<{ identity: { token: string } }>(
      await h.call("POST", "/identity", {
        token: admissionToken,
        body: { name: "김영희", birthDate: "1963-11-30", phone: "010-9876-5432" },
      }),
    ).identity;
    const body = { identityToken: identity.token, centerId: "vc-50-01", date: "2021-08-02", time: "10:30" };
    h.backend.faults.once({ path: "/reservations" }, { kind: "lost" });
    expect((await h.call("POST", "/reservations", { token: admissionToken, body, key: KEY })).kind).toBe(
      "drop",
    );
    const retry = await h.call("POST", "/reservations", { token: admissionToken, body, key: KEY });
    expect(statusOf(retry)).toBe(201);
    expect(h.backend.inspect().activeReservations).toBe(1);
  });
});

describe("Retry-After within the contract's v1.1 bound", () => {
  const now = T0 + 1234; // mid-second: the Date header is truncated to 11:00:01
  const dateHeader = Math.floor(now / 1000) * 1000;

  it("writes delta-seconds of at most 3600", () => {
    expect(retryAfter(8, "delta", now)).toBe("8");
    expect(retryAfter(3600, "delta", now)).toBe("3600");
    expect(retryAfter(3601, "delta", now)).toBe("3600");
    expect(retryAfter(30 * 86_400, "delta", now)).toBe("3600");
  });

  it("writes an HTTP-date at most an hour after the Date header, never before the wait ends when in bound", () => {
    expect(Date.parse(retryAfter(30 * 86_400, "http-date", now)) - dateHeader).toBe(3_600_000);
    const short = Date.parse(retryAfter(8, "http-date", now));
    expect(short).toBeGreaterThanOrEqual(now + 8000);
    expect(short - dateHeader).toBeLessThanOrEqual(3_600_000);
  });
});
