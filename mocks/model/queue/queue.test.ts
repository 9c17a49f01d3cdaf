import { describe, expect, it } from "vitest";
import type { JoinResponse, QueueStatus } from "../../../src/core/contract/types.ts";
import { bodyOf, setup, statusOf } from "../test/harness.ts";

type Harness = ReturnType<typeof setup>;

async function join(h: Harness, eventId = "c55-59"): Promise<JoinResponse> {
  const out = await h.call("POST", `/events/${eventId}/tickets`);
  expect(statusOf(out)).toBe(201);
  return bodyOf<JoinResponse>(out);
}

async function read(h: Harness, eventId: string, ticket: JoinResponse["ticket"]): Promise<QueueStatus> {
  return bodyOf<QueueStatus>(
    await h.call("GET", `/events/${eventId}/tickets/${ticket.id}`, { token: ticket.token }),
  );
}

describe("queue engine", () => {
  it("gives later joiners later numbers and counts the people ahead", async () => {
    const h = setup();
    const first = await join(h);
    h.clock.advance(100);
    const second = await join(h);
    expect(first.status.state).toBe("waiting");
    expect(second.status.number).toBeGreaterThan(first.status.number ?? Infinity);
    expect(first.status.ahead).toBe((first.status.number ?? 0) - first.status.servingNumber - 1);
    expect(first.status.ahead).toBeGreaterThan(10);
    expect(first.status.servingRatePerSecond).toBe(3);
    expect(first.status.etaSeconds).toBeGreaterThan(0);
  });

  it("advances the serving number and admits with a 10-minute window, the same admission on every read", async () => {
    const h = setup();
    const joined = await join(h);
    const eta = joined.status.etaSeconds ?? 0;
    h.clock.advance((eta - 2) * 1000);
    const before = await read(h, "c55-59", joined.ticket);
    expect(before.state).toBe("waiting");
    expect(before.servingNumber).toBeGreaterThan(joined.status.servingNumber);
    h.clock.advance(3000);
    const admitted = await read(h, "c55-59", joined.ticket);
    expect(admitted.state).toBe("admitted");
    expect(admitted.ahead).toBe(0);
    const admission = admitted.admission;
    expect(admission).toBeDefined();
    const window = Date.parse(admission?.expiresAt ?? "") - Date.parse(admitted.serverTime);
    expect(window).toBeGreaterThan(9 * 60_000);
    expect(window).toBeLessThanOrEqual(10 * 60_000);
    h.clock.advance(5 * 60_000);
    expect((await read(h, "c55-59", joined.ticket)).admission).toEqual(admission);
    h.clock.advance(5 * 60_000);
    const expired = await read(h, "c55-59", joined.ticket);
    expect(expired.state).toBe("expired");
    expect(expired.admission).toBeUndefined();
  });

  it("keeps a ticket's place whether or not it polls", async () => {
    const quiet = setup({ seed: 7 });
    const busy = setup({ seed: 7 });
    const a = await join(quiet);
    const b = await join(busy);
    for (let i = 0; i < 30; i++) {
      busy.clock.advance(500);
      await read(busy, "c55-59", b.ticket);
    }
    quiet.clock.advance(15_000);
    const qa = await read(quiet, "c55-59", a.ticket);
    const qb = await read(busy, "c55-59", b.ticket);
    expect([qa.state, qa.number, qa.servingNumber]).toEqual([qb.state, qb.number, qb.servingNumber]);
  });

  it("leaving is final and can be repeated", async () => {
    const h = setup();
    const joined = await join(h);
    const url = `/events/c55-59/tickets/${joined.ticket.id}`;
    expect(statusOf(await h.call("DELETE", url, { token: joined.ticket.token }))).toBe(204);
    expect(statusOf(await h.call("DELETE", url, { token: joined.ticket.token }))).toBe(204);
    h.clock.advance(3600_000);
    expect((await read(h, "c55-59", joined.ticket)).state).toBe("left");
  });

  it("refuses joining before the pre-queue, after closing, and for an unknown event", async () => {
    const h = setup({ scenario: "closed" });
    expect(statusOf(await h.call("POST", "/events/nope/tickets"))).toBe(404);
    const closed = bodyOf(await h.call("POST", "/events/c53-54/tickets"));
    expect(closed.code).toBe("queue_closed");
    const calm = setup();
    const early = bodyOf(await calm.call("POST", "/events/c50-52/tickets"));
    expect([early.status, early.code]).toEqual([409, "queue_not_open"]);
  });

  it("a ticket still waiting when the event closes is closed", async () => {
    const h = setup({ scenario: "closed" });
    const joined = await join(h);
    expect(joined.status.state).toBe("waiting");
    h.clock.advance(31_000);
    const after = await read(h, "c55-59", joined.ticket);
    expect(after.state).toBe("closed");
    expect(after.servingRatePerSecond).toBe(0);
  });

  it("rejects a token of another ticket or an altered token with 401 invalid_token", async () => {
    const h = setup();
    const a = await join(h);
    const b = await join(h);
    const wrong = await h.call("GET", `/events/c55-59/tickets/${a.ticket.id}`, { token: b.ticket.token });
    expect(bodyOf(wrong).code).toBe("invalid_token");
    const t = a.ticket.token;
    for (const altered of [
      `${t}x`,
      t.slice(1),
      `${t.slice(0, 5)}${t[5] === "A" ? "B" : "A"}${t.slice(6)}`,
      "",
    ]) {
      const out = await h.call("GET", `/events/c55-59/tickets/${a.ticket.id}`, { token: altered });
      expect(statusOf(out)).toBe(401);
      expect(bodyOf(out).code).toBe("invalid_token");
    }
  });

  it("pre-queue: no number until opening, then a place ahead of everyone who joins later", async () => {
    const h = setup();
    const early = await join(h, "c53-54");
    expect(early.status).toMatchObject({ state: "prequeue", number: null, ahead: null });
    expect(early.status.pollAfterSeconds).toBeGreaterThanOrEqual(5);
    h.clock.advance(60_000);
    const late = await join(h, "c53-54");
    const placed = await read(h, "c53-54", early.ticket);
    expect(placed.number).toBeLessThanOrEqual(31);
    expect(late.status.number).toBeGreaterThan(31);
  });
});

describe("pre-queue shuffle fairness", () => {
  it("gives early and late arrivals in the window the same distribution of places", async () => {
    // 10 seeds x 150 early + 150 late tickets among 330 pre-queue places.
    let earlySum = 0;
    let lateSum = 0;
    let earlyFront = 0;
    let lateFront = 0;
    const perGroup = 150;
    const seeds = 10;
    for (let seed = 1; seed <= seeds; seed++) {
      const h = setup({ seed });
      const early: JoinResponse[] = [];
      const late: JoinResponse[] = [];
      for (let i = 0; i < perGroup; i++) early.push(await join(h, "c53-54"));
      h.clock.advance(55_000);
      for (let i = 0; i < perGroup; i++) late.push(await join(h, "c53-54"));
      h.clock.advance(6_000);
      for (const [group, into] of [
        [early, "early"],
        [late, "late"],
      ] as const) {
        for (const joined of group) {
          const n = (await read(h, "c53-54", joined.ticket)).number ?? 0;
          expect(n).toBeGreaterThanOrEqual(1);
          expect(n).toBeLessThanOrEqual(330);
          if (into === "early") {
            earlySum += n;
            if (n <= 110) earlyFront += 1;
          } else {
            lateSum += n;
            if (n <= 110) lateFront += 1;
          }
        }
      }
    }
    const count = perGroup * seeds;
    const earlyMean = earlySum / count;
    const lateMean = lateSum / count;
    // Uniform over 1..330 has mean 165.5 and sd ~95; the sd of a 1500-sample mean is ~2.5.
    expect(Math.abs(earlyMean - 165.5)).toBeLessThan(10);
    expect(Math.abs(lateMean - 165.5)).toBeLessThan(10);
    expect(Math.abs(earlyMean - lateMean)).toBeLessThan(12);
    // The front third: about a third of each group, not all early birds.
    expect(Math.abs(earlyFront / count - 1 / 3)).toBeLessThan(0.06);
    expect(Math.abs(lateFront / count - 1 / 3)).toBeLessThan(0.06);
  });
});
