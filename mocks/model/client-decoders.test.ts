/**
 * The mock's answers pass the client's own boundary decoders, so the app and
 * its backend agree (the OpenAPI conformance suite checks the same against the
 * document itself).
 */
import { describe, expect, it } from "vitest";
import { decodeCancelled, decodeProblem, decoders } from "../../src/core/contract/decode.ts";
import { admit, bodyOf, setup } from "./test/harness.ts";

describe("answers decode with the client's decoders", () => {
  it("every success body", async () => {
    const h = setup();
    decoders.TimeResponse(bodyOf(await h.call("GET", "/time")));
    decoders.EventsResponse(bodyOf(await h.call("GET", "/events")));
    const pre = decoders.JoinResponse(bodyOf(await h.call("POST", "/events/c53-54/tickets")));
    expect(pre.status.state).toBe("prequeue");
    const { admissionToken, ticketId, ticketToken } = await admit(h);
    decoders.QueueStatus(
      bodyOf(await h.call("GET", `/events/c55-59/tickets/${ticketId}`, { token: ticketToken })),
    );
    decoders.RegionsResponse(bodyOf(await h.call("GET", "/regions")));
    decoders.CentersResponse(bodyOf(await h.call("GET", "/centers?region=50")));
    const slots = decoders.SlotsResponse(
      bodyOf(
        await h.call("GET", "/centers/vc-50-02/slots?from=2021-07-20&to=2021-07-22", {
          token: admissionToken,
        }),
      ),
    );
    const slot = slots.slots.find((s) => s.remaining > 0);
    const identity = decoders.IdentityResponse(
      bodyOf(
        await h.call("POST", "/identity", {
          token: admissionToken,
          body: { name: "박민수", birthDate: "1966-12-31", phone: "010-2222-3333" },
        }),
      ),
    );
    const created = decoders.ReservationResponse(
      bodyOf(
        await h.call("POST", "/reservations", {
          token: admissionToken,
          body: {
            identityToken: identity.identity.token,
            centerId: "vc-50-02",
            date: slot?.date,
            time: slot?.time,
          },
        }),
      ),
    );
    const url = `/reservations/${created.reservation.id}`;
    decoders.ReservationResponse(
      bodyOf(await h.call("GET", url, { token: created.reservation.accessToken })),
    );
    decodeCancelled(bodyOf(await h.call("DELETE", url, { token: created.reservation.accessToken })));
    h.clock.advance(11 * 60_000);
    const expired = decoders.QueueStatus(
      bodyOf(await h.call("GET", `/events/c55-59/tickets/${ticketId}`, { token: ticketToken })),
    );
    expect(expired.state).toBe("expired");
  });

  it("every problem body", async () => {
    const h = setup();
    const problems = [
      await h.call("GET", "/nope"),
      await h.call("POST", "/events/c50-52/tickets"),
      await h.call("POST", "/events/c55-59/tickets", { key: "bad" }),
      await h.call("GET", "/events/c55-59/tickets/t_x", { token: "x.y" }),
      await h.call("POST", "/identity", { token: "x", body: {} }),
    ];
    h.backend.faults.once({}, { kind: "status", status: 429 });
    problems.push(await h.call("GET", "/time"));
    h.backend.faults.once({}, { kind: "status", status: 503, retryAfter: "http-date" });
    problems.push(await h.call("GET", "/time"));
    const codes = problems.map((out) => {
      if (out.kind !== "respond") throw new Error(out.kind);
      expect(out.headers["content-type"]).toBe("application/problem+json");
      expect(out.headers.date).toBeTruthy();
      return decodeProblem(JSON.parse(out.body ?? "")).code;
    });
    expect(codes).toEqual([
      "not_found",
      "queue_not_open",
      "validation_failed",
      "invalid_token",
      "invalid_token",
      "rate_limited",
      "overloaded",
    ]);
  });
});
