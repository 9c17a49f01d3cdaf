import { describe, expect, it } from "vitest";
import type {
  EventsResponse,
  Identity,
  JoinResponse,
  QueueStatus,
  Slot,
} from "../../src/core/contract/types.ts";
import { SCENARIO_NAMES } from "./index.ts";
import { bodyOf, setup, statusOf } from "./test/harness.ts";

describe("scenarios", () => {
  for (const scenario of SCENARIO_NAMES) {
    it(`${scenario} boots and lists the three events`, async () => {
      const h = setup({ scenario });
      let events: EventsResponse | null = null;
      // Faulty scenarios may refuse a few requests: a patient client gets through.
      for (let i = 0; i < 30 && !events; i++) {
        const out = await h.call("GET", "/events");
        if (out.kind === "respond" && out.status === 200) {
          try {
            events = bodyOf<EventsResponse>(out);
          } catch {}
        }
        h.clock.advance(1000);
      }
      expect(events?.events.map((e) => e.id).sort()).toEqual(["c50-52", "c53-54", "c55-59"]);
      expect(h.backend.scenario).toBe(scenario);
    });
  }

  it("calm: from joining to a confirmed reservation in about a minute", async () => {
    const h = setup();
    const started = h.clock.now();
    const joined = bodyOf<JoinResponse>(await h.call("POST", "/events/c55-59/tickets"));
    let status = joined.status;
    while (status.state === "waiting") {
      h.clock.advance(status.pollAfterSeconds * 1000);
      status = bodyOf<QueueStatus>(
        await h.call("GET", `/events/c55-59/tickets/${joined.ticket.id}`, { token: joined.ticket.token }),
      );
    }
    expect(status.state).toBe("admitted");
    const token = status.admission?.token ?? "";
    h.clock.advance(20_000); // typing name, birth date, phone
    const identity = bodyOf<{ identity: Identity }>(
      await h.call("POST", "/identity", {
        token,
        body: { name: "이순자", birthDate: "1961-12-31", phone: "01055554444" },
      }),
    ).identity;
    expect(identity).toMatchObject({ eligible: false, reason: "not_in_cohort" });
    const fixed = bodyOf<{ identity: Identity }>(
      await h.call("POST", "/identity", {
        token,
        body: { name: "이순자", birthDate: "1962-01-01", phone: "01055554444" },
      }),
    ).identity;
    h.clock.advance(15_000); // choosing a center and a time
    const slots = bodyOf<{ slots: Slot[] }>(
      await h.call("GET", "/centers/vc-27-02/slots?from=2021-07-20&to=2021-07-27", { token }),
    ).slots;
    const slot = slots.find((s) => s.remaining > 0);
    const booked = await h.call("POST", "/reservations", {
      token,
      body: { identityToken: fixed.token, centerId: "vc-27-02", date: slot?.date, time: slot?.time },
    });
    expect(statusOf(booked)).toBe(201);
    expect(h.clock.now() - started).toBeLessThan(75_000);
  });

  it("opening-surge: over a million people ahead right after opening", async () => {
    const h = setup({ scenario: "opening-surge" });
    const joined = bodyOf<JoinResponse>(await h.call("POST", "/events/c55-59/tickets"));
    expect(joined.status.ahead).toBeGreaterThan(1_000_000);
    expect(joined.status.pollAfterSeconds).toBe(60);
    expect(joined.status.servingRatePerSecond).toBe(850);
    const early = bodyOf<JoinResponse>(await h.call("POST", "/events/c53-54/tickets"));
    expect(early.status.state).toBe("prequeue");
    h.clock.advance(61_000);
    const placed = bodyOf<QueueStatus>(
      await h.call("GET", `/events/c53-54/tickets/${early.ticket.id}`, { token: early.ticket.token }),
    );
    expect(placed.number).toBeLessThanOrEqual(1_200_001);
    expect(placed.state).toBe("waiting");
  });

  it("speed shrinks the wait without warping the clock", async () => {
    const slow = setup({ scenario: "opening-surge" });
    const fast = setup({ scenario: "opening-surge", speed: 100 });
    const a = bodyOf<JoinResponse>(await slow.call("POST", "/events/c55-59/tickets")).status;
    const b = bodyOf<JoinResponse>(await fast.call("POST", "/events/c55-59/tickets")).status;
    expect(b.servingRatePerSecond).toBe(85_000);
    expect(b.etaSeconds ?? 0).toBeLessThan((a.etaSeconds ?? 0) / 50);
    expect(b.serverTime).toBe(a.serverTime);
  });

  it("overload: hints stretch under load", async () => {
    const h = setup({ scenario: "overload" });
    const calm = setup({ scenario: "opening-surge" });
    let joined = await h.call("POST", "/events/c53-54/tickets");
    while (statusOf(joined) !== 201) joined = await h.call("POST", "/events/c53-54/tickets");
    const loaded = bodyOf<JoinResponse>(joined).status;
    const quiet = bodyOf<JoinResponse>(await calm.call("POST", "/events/c53-54/tickets")).status;
    expect(loaded.pollAfterSeconds).toBeGreaterThan(quiet.pollAfterSeconds);
  });
});
