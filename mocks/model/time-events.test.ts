import { describe, expect, it } from "vitest";
import type { EventsResponse } from "../../src/core/contract/types.ts";
import { bodyOf, setup, T0 } from "./test/harness.ts";

describe("GET /time and /events", () => {
  it("answers the model clock with ms precision in +09:00 and a Date header", async () => {
    const { call, clock } = setup();
    clock.advance(1234);
    const out = await call("GET", "/time");
    expect(out.kind).toBe("respond");
    if (out.kind !== "respond") return;
    expect(bodyOf(out)).toEqual({ serverTime: "2021-07-19T20:00:01.234+09:00" });
    expect(out.headers.date).toBe("Mon, 19 Jul 2021 11:00:01 GMT");
  });

  it("calm: one event open, one in its pre-queue opening in about a minute, one upcoming", async () => {
    const { call } = setup();
    const body = bodyOf<EventsResponse>(await call("GET", "/events"));
    const byId = Object.fromEntries(body.events.map((e) => [e.id, e]));
    expect(byId["c55-59"]?.status).toBe("open");
    expect(byId["c53-54"]?.status).toBe("prequeue");
    expect(byId["c50-52"]?.status).toBe("upcoming");
    expect(byId["c50-52"]?.cohort).toEqual({ birthYearFrom: 1969, birthYearTo: 1971 });
    expect(Date.parse(byId["c53-54"]?.opensAt ?? "") - T0).toBe(60_000);
  });

  it("speed shortens the wait for an imminent opening but not the clock", async () => {
    const { call } = setup({ speed: 10 });
    const body = bodyOf<EventsResponse>(await call("GET", "/events"));
    const soon = body.events.find((e) => e.id === "c53-54");
    expect(Date.parse(soon?.opensAt ?? "") - T0).toBe(6_000);
    expect(Date.parse(body.serverTime)).toBe(T0);
  });
});
