import { describe, expect, it } from "vitest";
import { projectPosition } from "../../core/queue/projection.ts";
import type { QueueView } from "../../core/queue/types.ts";
import { homePlace } from "./home-place.ts";

const T0 = Date.parse("2021-07-19T11:00:00.000Z");

const view = (over: Partial<QueueView> = {}): QueueView => ({
  phase: "waiting",
  eventId: "c55-59",
  ticketId: "t-1",
  number: 5_120,
  servingNumber: 4_000,
  ahead: 1_120,
  servingRatePerSecond: 2,
  etaSeconds: 560,
  opensAt: T0 - 3_600_000,
  admission: null,
  updatedAt: T0,
  nextCheckAt: null,
  online: true,
  durable: true,
  leader: true,
  notice: null,
  ...over,
});

/** The card as the home screen computes it: from the view and the waiting room's projection. */
const card = (v: QueueView, now: number) => homePlace(v, projectPosition(v, now, null), now);

describe("the home card for a place in line", () => {
  it("shows the number, the people ahead projected to now, and the waiting room's ETA range", () => {
    const place = card(view(), T0 + 10_000);
    // 10 s at 2 a second: 20 fewer ahead than last reported.
    expect(place).toMatchObject({ eventId: "c55-59", state: "waiting", number: 5_120, ahead: 1_100 });
    expect(place?.eta).toEqual({ minSeconds: 440, maxSeconds: 733 });
    expect(place?.href).toBe("/queue/c55-59");
    expect(place?.admissionLeftMs).toBeNull();
  });

  it("keeps the last reported count when there is nothing to project from", () => {
    const place = homePlace(view(), { ahead: null, progress: null, eta: null }, T0);
    expect(place).toMatchObject({ ahead: 1_120, eta: null });
  });

  it("leads an admission to the booking, with the time left on it in server time", () => {
    const admission = { token: "a", expiresAt: new Date(T0 + 300_000).toISOString() };
    const place = card(view({ phase: "admitted", admission }), T0 + 60_000);
    expect(place).toMatchObject({
      state: "admitted",
      admissionLeftMs: 240_000,
      ahead: null,
      href: "/booking",
    });
    expect(card(view({ phase: "admitted", admission }), T0 + 400_000)?.admissionLeftMs).toBe(0);
  });

  it("says when a line in pre-queue opens, and shows a join in progress", () => {
    const opensAt = T0 + 600_000;
    expect(card(view({ phase: "prequeue", number: null, ahead: null, opensAt }), T0)).toMatchObject({
      state: "prequeue",
      opensAt,
      ahead: null,
      eta: null,
    });
    expect(card(view({ phase: "joining", ticketId: null, number: null }), T0)).toMatchObject({
      state: "joining",
      number: null,
    });
  });

  it("has no card without a live place: no ticket, or one that has ended", () => {
    expect(card(view({ phase: "idle", eventId: null }), T0)).toBeNull();
    for (const phase of ["expired", "left", "closed", "error"] as const) {
      expect(card(view({ phase }), T0)).toBeNull();
    }
  });
});
