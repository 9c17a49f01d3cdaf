import { describe, expect, it } from "vitest";
import type { Identity, Reservation, Slot } from "../../../src/core/contract/types.ts";
import { admit, bodyOf, setup, statusOf } from "../test/harness.ts";

const PERSON = { name: "홍길동", birthDate: "1964-03-02", phone: "010-1234-5678" };
type Harness = ReturnType<typeof setup>;

async function identify(h: Harness, token: string, body: unknown = PERSON) {
  return h.call("POST", "/identity", { token, body });
}

async function openSlot(h: Harness, token: string, centerId = "vc-11-01"): Promise<Slot> {
  const out = await h.call("GET", `/centers/${centerId}/slots?from=2021-07-20&to=2021-08-20`, { token });
  const slot = bodyOf<{ slots: Slot[] }>(out).slots.find((s) => s.remaining > 0);
  if (!slot) throw new Error("no open slot");
  return slot;
}

async function book(h: Harness, admissionToken: string, person = PERSON) {
  const identity = bodyOf<{ identity: Identity }>(await identify(h, admissionToken, person)).identity;
  const slot = await openSlot(h, admissionToken);
  const out = await h.call("POST", "/reservations", {
    token: admissionToken,
    body: { identityToken: identity.token, centerId: "vc-11-01", date: slot.date, time: slot.time },
  });
  return { out, slot, identity };
}

describe("identity", () => {
  it("accepts a well-formed person in the cohort, masked", async () => {
    const h = setup();
    const { admissionToken } = await admit(h);
    const out = await identify(h, admissionToken, { ...PERSON, phone: "01012345678" });
    expect(statusOf(out)).toBe(200);
    expect(bodyOf<{ identity: Identity }>(out).identity).toMatchObject({
      maskedName: "홍*동",
      birthYear: 1964,
      eligible: true,
      reason: null,
    });
  });

  it("says not_in_cohort for a birth year outside the event's age group", async () => {
    const h = setup();
    const { admissionToken } = await admit(h);
    const out = await identify(h, admissionToken, { ...PERSON, birthDate: "1970-01-01" });
    expect(bodyOf<{ identity: Identity }>(out).identity).toMatchObject({
      eligible: false,
      reason: "not_in_cohort",
    });
  });

  it("lists every bad field with a code", async () => {
    const h = setup();
    const { admissionToken } = await admit(h);
    const out = await identify(h, admissionToken, {
      name: "홍길동홍길동",
      birthDate: "1964-02-30",
      phone: "011-123-4567",
    });
    expect(statusOf(out)).toBe(422);
    expect(bodyOf(out).errors).toEqual([
      { field: "name", code: "invalid" },
      { field: "birthDate", code: "not_a_date" },
      { field: "phone", code: "invalid" },
    ]);
    const missing = bodyOf(await identify(h, admissionToken, {}));
    expect(missing.errors).toHaveLength(3);
    const latin = await identify(h, admissionToken, { ...PERSON, name: "Jane Doe" });
    expect(bodyOf<{ identity: Identity }>(latin).identity.maskedName).toBe("J*** D**");
  });

  it("needs a live admission", async () => {
    const h = setup();
    expect(bodyOf(await identify(h, "nope")).code).toBe("invalid_token");
    const { admissionToken } = await admit(h);
    expect(bodyOf(await identify(h, `${admissionToken.slice(0, -2)}xx`)).code).toBe("invalid_token");
    h.clock.advance(10 * 60_000);
    const late = await identify(h, admissionToken);
    expect([statusOf(late), bodyOf(late).code]).toEqual([401, "admission_expired"]);
  });
});

describe("catalog", () => {
  it("has the 17 시도, each with 3+ centers, cacheable for an hour", async () => {
    const h = setup();
    const regionsOut = await h.call("GET", "/regions");
    const { regions } = bodyOf<{ regions: { code: string }[] }>(regionsOut);
    expect(regions.map((r) => r.code)).toEqual([
      "11",
      "26",
      "27",
      "28",
      "29",
      "30",
      "31",
      "36",
      "41",
      "43",
      "44",
      "46",
      "47",
      "48",
      "50",
      "51",
      "52",
    ]);
    expect(regionsOut.kind === "respond" && regionsOut.headers["cache-control"]).toBe("public, max-age=3600");
    for (const { code } of regions) {
      const { centers } = bodyOf<{ centers: { region: string; name: { ko: string; en: string } }[] }>(
        await h.call("GET", `/centers?region=${code}`),
      );
      expect(centers.length).toBeGreaterThanOrEqual(3);
      expect(centers.every((c) => c.region === code && c.name.ko !== "" && c.name.en !== "")).toBe(true);
    }
    const all = bodyOf<{ centers: unknown[] }>(await h.call("GET", "/centers")).centers;
    expect(all.length).toBeGreaterThanOrEqual(51);
  });
});

describe("slots", () => {
  it("offers 09:00-17:30 every 30 minutes over about four weeks, and needs from/to", async () => {
    const h = setup();
    const { admissionToken } = await admit(h);
    const out = await h.call("GET", "/centers/vc-26-01/slots?from=2021-07-01&to=2021-09-30", {
      token: admissionToken,
    });
    const { slots } = bodyOf<{ slots: Slot[] }>(out);
    const dates = [...new Set(slots.map((s) => s.date))];
    expect(dates).toHaveLength(28);
    expect(dates[0]).toBe("2021-07-20");
    expect(slots.filter((s) => s.date === dates[0]).map((s) => s.time)).toHaveLength(18);
    expect(slots[0]?.time).toBe("09:00");
    expect(slots[17]?.time).toBe("17:30");
    expect(slots.some((s) => s.remaining === 0)).toBe(true);
    expect(slots.some((s) => s.remaining > 0)).toBe(true);
    const bad = await h.call("GET", "/centers/vc-26-01/slots?from=2021-07-40", { token: admissionToken });
    expect(bodyOf(bad).errors).toEqual([
      { field: "from", code: "invalid" },
      { field: "to", code: "required" },
    ]);
    expect(
      statusOf(
        await h.call("GET", "/centers/vc-99-01/slots?from=2021-07-20&to=2021-07-21", {
          token: admissionToken,
        }),
      ),
    ).toBe(404);
  });

  it("fill up as the simulated crowd books over time", async () => {
    const h = setup({ scenario: "opening-surge" });
    const { admissionToken } = await admit(h);
    const total = async () => {
      const out = await h.call("GET", "/centers/vc-41-01/slots?from=2021-07-20&to=2021-08-20", {
        token: admissionToken,
      });
      return bodyOf<{ slots: Slot[] }>(out).slots.reduce((sum, s) => sum + s.remaining, 0);
    };
    const before = await total();
    h.clock.advance(5 * 60_000);
    expect(await total()).toBeLessThan(before);
  });
});

describe("reservations", () => {
  it("books a slot: code, server-set second dose six weeks later, one place fewer", async () => {
    const h = setup();
    const { admissionToken } = await admit(h);
    const { out, slot } = await book(h, admissionToken);
    expect(statusOf(out)).toBe(201);
    const r = bodyOf<{ reservation: Reservation }>(out).reservation;
    expect(r.code).toMatch(/^[A-HJ-NP-Z2-9]{3}-[A-HJ-NP-Z2-9]{4}$/);
    expect(r).toMatchObject({
      status: "confirmed",
      vaccine: "mRNA",
      firstDose: { date: slot.date, time: slot.time },
    });
    expect(Date.parse(r.secondDose.date) - Date.parse(r.firstDose.date)).toBe(42 * 86_400_000);
    expect(r.center.name.ko).toContain("종로구");
    const after = await openSlotRemaining(h, admissionToken, slot);
    expect(after).toBe(slot.remaining - 1);
    expect(h.backend.inspect()).toMatchObject({ reservations: 1, activeReservations: 1 });
  });

  it("allows one reservation per person: a second gets 409 already_reserved with the id", async () => {
    const h = setup();
    const { admissionToken } = await admit(h);
    const first = bodyOf<{ reservation: Reservation }>((await book(h, admissionToken)).out).reservation;
    const again = await book(h, admissionToken);
    expect(statusOf(again.out)).toBe(409);
    expect(bodyOf(again.out)).toMatchObject({ code: "already_reserved", reservationId: first.id });
    expect(again.identity).toMatchObject({ eligible: false, reason: "already_reserved" });
  });

  it("refuses a person outside the cohort with 403 not_eligible", async () => {
    const h = setup();
    const { admissionToken } = await admit(h);
    const { out } = await book(h, admissionToken, { ...PERSON, birthDate: "1975-05-05" });
    expect([statusOf(out), bodyOf(out).code]).toEqual([403, "not_eligible"]);
  });

  it("answers 409 slot_full for a full slot", async () => {
    const h = setup();
    const { admissionToken } = await admit(h);
    const identity = bodyOf<{ identity: Identity }>(await identify(h, admissionToken)).identity;
    const out = await h.call("GET", "/centers/vc-11-02/slots?from=2021-07-20&to=2021-08-20", {
      token: admissionToken,
    });
    const full = bodyOf<{ slots: Slot[] }>(out).slots.find((s) => s.remaining === 0);
    if (!full) throw new Error("expected a full slot");
    const res = await h.call("POST", "/reservations", {
      token: admissionToken,
      body: { identityToken: identity.token, centerId: "vc-11-02", date: full.date, time: full.time },
    });
    expect([statusOf(res), bodyOf(res).code]).toEqual([409, "slot_full"]);
  });

  it("rejects bad bodies, unknown slots and altered identity tokens", async () => {
    const h = setup();
    const { admissionToken } = await admit(h);
    const identity = bodyOf<{ identity: Identity }>(await identify(h, admissionToken)).identity;
    const post = (body: unknown) => h.call("POST", "/reservations", { token: admissionToken, body });
    expect(bodyOf(await post({})).errors).toHaveLength(4);
    const base = { identityToken: identity.token, centerId: "vc-11-01", date: "2021-07-21", time: "09:00" };
    expect(bodyOf(await post({ ...base, time: "08:15" })).code).toBe("validation_failed");
    expect(bodyOf(await post({ ...base, centerId: "nowhere" })).errors).toEqual([
      { field: "centerId", code: "invalid" },
    ]);
    expect(bodyOf(await post({ ...base, identityToken: `${identity.token}0` })).code).toBe("invalid_token");
  });

  it("is read and cancelled with its access token; cancelling twice is fine and frees the slot and person", async () => {
    const h = setup();
    const { admissionToken } = await admit(h);
    const { out, slot } = await book(h, admissionToken);
    const r = bodyOf<{ reservation: Reservation }>(out).reservation;
    const url = `/reservations/${r.id}`;
    expect(
      bodyOf<{ reservation: Reservation }>(await h.call("GET", url, { token: r.accessToken })).reservation,
    ).toEqual(r);
    expect(bodyOf(await h.call("GET", url, { token: admissionToken })).code).toBe("invalid_token");
    const cancelled = await h.call("DELETE", url, { token: r.accessToken });
    expect(bodyOf<{ reservation: Reservation }>(cancelled).reservation.status).toBe("cancelled");
    const twice = await h.call("DELETE", url, { token: r.accessToken });
    expect([statusOf(twice), bodyOf<{ reservation: Reservation }>(twice).reservation.status]).toEqual([
      200,
      "cancelled",
    ]);
    expect(await openSlotRemaining(h, admissionToken, slot)).toBe(slot.remaining);
    expect(statusOf((await book(h, admissionToken)).out)).toBe(201);
  });
});

async function openSlotRemaining(h: Harness, token: string, slot: Slot): Promise<number | undefined> {
  const out = await h.call("GET", `/centers/vc-11-01/slots?from=${slot.date}&to=${slot.date}`, { token });
  return bodyOf<{ slots: Slot[] }>(out).slots.find((s) => s.time === slot.time)?.remaining;
}
