import { describe, expect, it } from "vitest";
import { ETA_SPREAD, projectPosition } from "../../src/core/queue/projection.ts";
import type { QueueView } from "../../src/core/queue/types.ts";

const T = Date.parse("2021-07-19T11:00:00.000Z");
const view: QueueView = {
  phase: "waiting",
  eventId: "e1",
  ticketId: "t1",
  number: 11_000,
  servingNumber: 10_000,
  ahead: 1000,
  servingRatePerSecond: 10,
  etaSeconds: 100,
  opensAt: T - 3_600_000,
  admission: null,
  updatedAt: T,
  nextCheckAt: null,
  online: true,
  durable: true,
  leader: true,
  notice: null,
};

describe("projectPosition", () => {
  it("moves the position smoothly from the serving rate, with an ETA range of ±25 %", () => {
    const p = projectPosition(view, T + 30_000, 9_000);
    expect(p.ahead).toBe(700);
    expect(p.eta).toEqual({
      minSeconds: Math.round(700 / (10 * (1 + ETA_SPREAD))),
      maxSeconds: Math.round(700 / (10 * (1 - ETA_SPREAD))),
    });
    // 2000 places between the start and the ticket, 700 still ahead.
    expect(p.progress).toBeCloseTo(1 - 700 / 2000);
  });

  it("never projects past the front: only the server admits", () => {
    const p = projectPosition(view, T + 3_600_000, 9_000);
    expect(p.ahead).toBe(0);
    expect(p.progress).toBe(1);
    expect(p.eta).toEqual({ minSeconds: 0, maxSeconds: 0 });
  });

  it("is unknown in the pre-queue and without a rate gives no ETA", () => {
    expect(projectPosition({ ...view, phase: "prequeue", ahead: null, number: null }, T, null)).toEqual({
      ahead: null,
      progress: null,
      eta: null,
    });
    expect(projectPosition({ ...view, servingRatePerSecond: 0 }, T + 10_000, null).eta).toBeNull();
  });
});
