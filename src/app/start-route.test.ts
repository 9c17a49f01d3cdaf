import { describe, expect, it } from "vitest";
import { START_URL, startRoute } from "./start-route.ts";

const at = (path: string) => new URL(path, "https://jari.example");
const admission = { token: "adm-1", expiresAt: "2021-07-19T11:10:00.000Z" };
const waiting = { eventId: "c55-59", ended: null, admission: null };
const admitted = { ...waiting, admission };
const draft = (over: object = {}) => ({
  eventId: "c55-59",
  admission,
  completedReservationId: null,
  ...over,
});

describe("where the app opens at its start URL", () => {
  it("opens the waiting room for a place in line, and for an admission (its countdown is there)", () => {
    expect(startRoute(at(START_URL), waiting, null)).toBe("/queue/c55-59");
    expect(startRoute(at(START_URL), admitted, null)).toBe("/queue/c55-59");
    expect(startRoute(at(START_URL), { ...waiting, eventId: "a b/c" }, null)).toBe("/queue/a%20b%2Fc");
  });

  it("opens the booking when one is in progress under that same admission", () => {
    expect(startRoute(at(START_URL), admitted, draft())).toBe("/booking");
    // A draft from an earlier admission (or another event) is not this one.
    expect(startRoute(at(START_URL), admitted, draft({ admission: { ...admission, expiresAt: "x" } }))).toBe(
      "/queue/c55-59",
    );
    expect(startRoute(at(START_URL), admitted, draft({ eventId: "c50-54" }))).toBe("/queue/c55-59");
    expect(startRoute(at(START_URL), waiting, draft())).toBe("/queue/c55-59");
  });

  it("stays home once the booking under the admission is done, or with no place held", () => {
    expect(startRoute(at(START_URL), admitted, draft({ completedReservationId: "r-1" }))).toBeNull();
    expect(startRoute(at(START_URL), null, null)).toBeNull();
    expect(startRoute(at(START_URL), { ...waiting, ended: "expired" }, null)).toBeNull();
  });

  it("never moves a user who opened another URL: a deep link, plain home, or a fragment to import", () => {
    for (const url of ["/", "/?lang=en", "/queue/c50-54", "/reservations", "/booking?source=pwa"]) {
      expect(startRoute(at(url), admitted, null)).toBeNull();
    }
    expect(startRoute(at(`${START_URL}#t=abc`), waiting, null)).toBeNull();
    expect(startRoute(at(`${START_URL}&lang=en`), waiting, null)).toBe("/queue/c55-59");
  });
});
