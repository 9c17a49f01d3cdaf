import { describe, expect, it } from "vitest";
import type { Reservation } from "../../src/core/contract/types.ts";
import { createMemoryStore } from "../../src/core/store/memory-store.ts";
import { confirmRequests, createHarness, type Harness, PERSON, toConfirmStep } from "./booking-harness.ts";

/** Books `person` through the API directly, as another device would. */
async function bookElsewhere(
  h: Harness,
  person: typeof PERSON,
  centerId: string,
  date: string,
  time: string,
) {
  const { admission } = await h.admit();
  const identity = await h.settle(h.api.verifyIdentity(person, admission.token, crypto.randomUUID()));
  return h.settle(
    h.api.createReservation(
      { identityToken: identity.body.identity.token, centerId, date, time },
      admission.token,
      crypto.randomUUID(),
    ),
  );
}

const other = (i: number) => ({
  name: "김철수",
  birthDate: "1963-05-05",
  phone: `010-5555-${String(1000 + i)}`,
});

describe("identity errors", () => {
  it("maps the server's validation_failed errors onto their fields (device-valid, server-invalid)", async () => {
    const h = createHarness();
    const client = h.newClient();
    const { admission, eventId } = await h.admit();
    await h.settle(client.start(admission, eventId));
    // An old 011 number and a birth date in the future pass the device's format checks; the server refuses them.
    client.setIdentity({ ...PERSON, phone: "011-123-4567", birthDate: "2025-01-01" });
    await h.settle(client.submitIdentity());
    const view = client.getView();
    expect(view.step).toBe("identity");
    expect(view.fieldErrors).toEqual({ phone: "invalid", birthDate: "out_of_range" });
    expect(view.notice?.code).toBe("validation_failed");
    // Corrected: a new key (a new logical action), and it goes through.
    client.setIdentity({ phone: PERSON.phone, birthDate: PERSON.birthDate });
    expect(client.getView().fieldErrors).toEqual({});
    await h.settle(client.submitIdentity());
    expect(client.getView().step).toBe("center");
    const keys = h.requests.filter((r) => r.url.endsWith("/identity")).map((r) => r.key);
    expect(new Set(keys).size).toBe(2);
  });

  it("never sends a form the device can tell is wrong", async () => {
    const h = createHarness();
    const client = h.newClient();
    const { admission, eventId } = await h.admit();
    await h.settle(client.start(admission, eventId));
    client.setIdentity({ name: "홍", birthDate: "1964-02-30", phone: "12345" });
    await h.settle(client.submitIdentity());
    expect(client.getView().fieldErrors).toEqual({
      name: "invalid",
      birthDate: "not_a_date",
      phone: "invalid",
    });
    expect(h.requests.some((r) => r.url.endsWith("/identity"))).toBe(false);
  });

  it("explains not_in_cohort", async () => {
    const h = createHarness();
    const client = h.newClient();
    const { admission, eventId } = await h.admit();
    await h.settle(client.start(admission, eventId));
    client.setIdentity({ ...PERSON, birthDate: "1975-01-01" });
    await h.settle(client.submitIdentity());
    expect(client.getView()).toMatchObject({ step: "ineligible", ineligibleReason: "not_in_cohort" });
    expect(client.getView().notice?.code).toBe("not_in_cohort");
  });

  it("shows the existing reservation for already_reserved when the device has it", async () => {
    const h = createHarness();
    const client = h.newClient();
    await toConfirmStep(h, client);
    await h.settle(client.confirm());
    const booked = client.getView().reservation as Reservation;

    const again = h.newClient();
    const { admission, eventId } = await h.admit();
    await h.settle(again.start(admission, eventId));
    again.setIdentity(PERSON);
    await h.settle(again.submitIdentity());
    expect(again.getView()).toMatchObject({ step: "ineligible", ineligibleReason: "already_reserved" });
    expect(again.getView().existingReservation?.id).toBe(booked.id);
  });

  it("reports invalid_token for an altered admission token", async () => {
    const h = createHarness();
    const client = h.newClient();
    const { admission, eventId } = await h.admit();
    await h.settle(client.start({ ...admission, token: `${admission.token.slice(0, -2)}xx` }, eventId));
    client.setIdentity(PERSON);
    await h.settle(client.submitIdentity());
    expect(client.getView().notice?.code).toBe("invalid_token");
    expect(client.getView().step).toBe("identity");
  });
});

describe("admission window", () => {
  it("expires on server time: explains, deletes personal data, keeps the choices", async () => {
    const h = createHarness();
    const client = h.newClient();
    const chosen = await toConfirmStep(h, client);
    await h.advance(10 * 60_000);
    const view = client.getView();
    expect(view.step).toBe("expired");
    expect(view.notice?.code).toBe("admission_expired");
    const draft = await h.store.getDraft();
    expect(draft).toMatchObject({
      name: "",
      birthDate: "",
      phone: "",
      identityToken: null,
      reservationKey: null,
    });
    expect(draft).toMatchObject({ regionCode: "11", centerId: chosen.centerId });
    expect(JSON.stringify(draft)).not.toContain("홍길동");

    // A new ticket starts from the kept choices.
    const { admission, eventId } = await h.admit();
    await h.settle(client.start(admission, eventId));
    expect(client.getView()).toMatchObject({ step: "identity", regionCode: "11", centerId: chosen.centerId });
  });

  it("maps the server's admission_expired answer the same way", async () => {
    const h = createHarness();
    const client = h.newClient();
    await toConfirmStep(h, client);
    client.stop(); // no local expiry timer: only the server can say it
    await h.clock.advance(11 * 60_000);
    await h.settle(client.loadSlots());
    expect(client.getView().step).toBe("expired");
    expect((await h.store.getDraft())?.phone).toBe("");
  });

  it("a confirm in doubt when the window closes gets one last answer, then expires", async () => {
    const h = createHarness();
    const client = h.newClient();
    const chosen = await toConfirmStep(h, client);
    h.backend.faults.configure({ dropRate: 1 });
    const confirming = client.confirm();
    await h.advance(5 * 60_000);
    expect(client.getView()).toMatchObject({ confirmPending: true, step: "confirm" });
    expect(client.getView().notice?.code).toBe("outcome_unknown");
    // Past the end of the window (and the client's expiry check), the network comes back.
    await h.advance((chosen.expiresAt ?? 0) + 100 - h.clock.trueNow());
    h.backend.faults.clear();
    await h.advance(2 * 60_000);
    await confirming;
    expect(client.getView().step).toBe("expired");
    expect(h.backend.inspect().activeReservations).toBe(0);
    expect(new Set(confirmRequests(h).map((r) => r.key)).size).toBe(1);
    expect((await h.store.getDraft())?.phone).toBe("");
    expect((await h.store.getDraft())?.reservationKey).toBeNull();
  });

  it("a reservation made just before the window closed is found by a replay after it", async () => {
    const h = createHarness();
    const client = h.newClient();
    const chosen = await toConfirmStep(h, client);
    // Applied, then every answer lost until well after the window.
    h.backend.faults.configure({ lostRate: 1 });
    const confirming = client.confirm();
    await h.idle();
    h.backend.faults.configure({ lostRate: 0, dropRate: 1 });
    // A burst of retries running when the window ends (up to the 45 s retry window) ends first.
    await h.advance((chosen.expiresAt ?? 0) + 60_000 - h.clock.trueNow());
    expect(client.getView()).toMatchObject({ step: "expired", confirmPending: true });
    expect(client.getView().notice?.code).toBe("outcome_unknown");
    const draft = await h.store.getDraft();
    // Personal data is gone; the key and the opaque request stay while the outcome is unknown.
    expect(draft).toMatchObject({ name: "", birthDate: "", phone: "" });
    expect(draft?.reservationKey).not.toBeNull();

    h.backend.faults.clear();
    // The replay comes once the route's backoff (grown during the outage, at most a minute) allows.
    await h.advance(90_000);
    await confirming;
    expect(client.getView().step).toBe("done");
    expect(h.backend.inspect().activeReservations).toBe(1);
    expect(new Set(confirmRequests(h).map((r) => r.key)).size).toBe(1);
  });

  it("a new admission first settles a confirm left in doubt by a killed app", async () => {
    const h = createHarness();
    const first = h.newClient();
    await toConfirmStep(h, first);
    h.backend.faults.configure({ lostRate: 1 });
    const pending = first.confirm();
    await h.idle();
    first.stop(); // the app is killed with the answer lost
    await pending;
    h.backend.faults.clear();
    await h.clock.advance(11 * 60_000);

    const reopened = h.newClient();
    const { admission, eventId } = await h.admit();
    await h.settle(reopened.start(admission, eventId));
    expect(reopened.getView().step).toBe("done");
    expect(h.backend.inspect().activeReservations).toBe(1);
    expect(new Set(confirmRequests(h).map((r) => r.key)).size).toBe(1);
  });

  it("a new admission starts afresh once the server says the old confirm never happened", async () => {
    const h = createHarness();
    const first = h.newClient();
    const chosen = await toConfirmStep(h, first);
    h.backend.faults.configure({ dropRate: 1 });
    const pending = first.confirm();
    await h.idle();
    first.stop();
    await pending;
    h.backend.faults.clear();
    await h.clock.advance(11 * 60_000);

    const reopened = h.newClient();
    const { admission, eventId } = await h.admit();
    await h.settle(reopened.start(admission, eventId));
    expect(reopened.getView()).toMatchObject({ step: "identity", centerId: chosen.centerId });
    expect((await h.store.getDraft())?.reservationKey).toBeNull();
    expect(h.backend.inspect().activeReservations).toBe(0);
  });
});

describe("confirm errors", () => {
  it("slot_full goes back to the slot choice keeping everything else, then books with a new key", async () => {
    const h = createHarness();
    const client = h.newClient();
    const chosen = await toConfirmStep(h, client);
    const date = chosen.date as string;
    const time = chosen.time as string;
    const free = chosen.slots?.find((s) => s.date === date && s.time === time)?.remaining ?? 0;
    for (let i = 0; i < free; i++) await bookElsewhere(h, other(i), chosen.centerId as string, date, time);
    const othersRequests = confirmRequests(h).length;

    await h.settle(client.confirm());
    const view = client.getView();
    expect(view).toMatchObject({ step: "slot", date: null, time: null, centerId: chosen.centerId });
    expect(view.notice?.code).toBe("slot_full");
    expect(view.identity).toEqual(PERSON);
    expect(view.slots?.find((s) => s.date === date && s.time === time)?.remaining).toBe(0);
    const draft = await h.store.getDraft();
    expect(draft?.reservationKey).toBeNull();
    expect(draft?.identityToken).not.toBeNull();

    const next = view.slots?.find((s) => s.remaining > 0);
    await h.settle(client.chooseSlot(next?.date ?? "", next?.time ?? ""));
    await h.settle(client.confirm());
    expect(client.getView().step).toBe("done");
    const keys = confirmRequests(h)
      .slice(othersRequests)
      .map((r) => r.key);
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it("already_reserved at confirm shows that reservation when the device has it", async () => {
    const h = createHarness();
    const client = h.newClient();
    const chosen = await toConfirmStep(h, client);
    const slot = chosen.slots?.find((s) => s.remaining > 0 && s.time !== chosen.time);
    const elsewhere = await bookElsewhere(
      h,
      PERSON,
      chosen.centerId as string,
      slot?.date ?? "",
      slot?.time ?? "",
    );
    await h.store.putReservation(elsewhere.body.reservation);

    await h.settle(client.confirm());
    expect(client.getView()).toMatchObject({ step: "ineligible", ineligibleReason: "already_reserved" });
    expect(client.getView().notice?.code).toBe("already_reserved");
    expect(client.getView().existingReservation?.id).toBe(elsewhere.body.reservation.id);
    expect(h.backend.inspect().activeReservations).toBe(1);
  });

  it("already_reserved at confirm says so when the reservation is on another device", async () => {
    const h = createHarness();
    const client = h.newClient();
    const chosen = await toConfirmStep(h, client);
    const slot = chosen.slots?.find((s) => s.remaining > 0);
    await bookElsewhere(h, PERSON, chosen.centerId as string, slot?.date ?? "", slot?.time ?? "");
    await h.settle(client.confirm());
    expect(client.getView()).toMatchObject({ step: "ineligible", existingReservation: null });
  });

  it("not_eligible: an identity outside the cohort cannot book", async () => {
    const h = createHarness();
    const client = h.newClient();
    await toConfirmStep(h, client);
    const draft = await h.store.getDraft();
    if (!draft) throw new Error("no draft");
    const outsider = await h.settle(
      h.api.verifyIdentity(
        { ...PERSON, birthDate: "1980-01-01" },
        draft.admission.token ?? "",
        crypto.randomUUID(),
      ),
    );
    await h.store.putDraft({ ...draft, identityToken: outsider.body.identity.token });
    client.stop();
    const reloaded = h.newClient();
    await h.settle(reloaded.resume());
    await h.settle(reloaded.confirm());
    expect(reloaded.getView().step).toBe("ineligible");
    expect(reloaded.getView().notice?.code).toBe("not_eligible");
    expect((await h.store.getDraft())?.reservationKey).toBeNull();
  });

  it("invalid_token at confirm sends the user back to verify the identity again", async () => {
    const h = createHarness();
    const client = h.newClient();
    await toConfirmStep(h, client);
    const draft = await h.store.getDraft();
    await h.store.putDraft({ ...(draft as NonNullable<typeof draft>), identityToken: "forged" });
    client.stop();
    const reloaded = h.newClient();
    await h.settle(reloaded.resume());
    await h.settle(reloaded.confirm());
    expect(reloaded.getView().step).toBe("identity");
    expect(reloaded.getView().notice?.code).toBe("invalid_token");
    expect((await h.store.getDraft())?.identityToken).toBeNull();
    expect(reloaded.getView().identity).toEqual(PERSON);
  });

  it("validation_failed at confirm (a slot the server does not offer) goes back to the slot choice", async () => {
    const h = createHarness();
    const client = h.newClient();
    await toConfirmStep(h, client);
    const draft = await h.store.getDraft();
    await h.store.putDraft({ ...(draft as NonNullable<typeof draft>), date: "2030-01-01" });
    client.stop();
    const reloaded = h.newClient();
    await h.settle(reloaded.resume());
    await h.settle(reloaded.confirm());
    expect(reloaded.getView().step).toBe("slot");
    expect(reloaded.getView().notice?.code).toBe("validation_failed");
    expect((await h.store.getDraft())?.reservationKey).toBeNull();
  });
});

describe("exactly once", () => {
  it("a lost answer is resolved by replaying the same key: the server replays its first 201", async () => {
    const h = createHarness();
    const client = h.newClient();
    await toConfirmStep(h, client);
    h.backend.faults.once({ method: "POST", path: /\/reservations$/ }, { kind: "lost" });
    await h.settle(client.confirm());
    expect(client.getView().step).toBe("done");
    const sent = confirmRequests(h);
    expect(sent).toHaveLength(2);
    expect(sent[0]?.key).toBe(sent[1]?.key);
    expect(sent[0]?.body).toBe(sent[1]?.body);
    expect(h.backend.inspect().activeReservations).toBe(1);
  });

  it("a reload after a lost answer replays the saved key", async () => {
    const h = createHarness();
    const client = h.newClient();
    await toConfirmStep(h, client);
    h.backend.faults.configure({ lostRate: 1 });
    const pending = client.confirm();
    await h.idle();
    client.stop();
    await pending;
    h.backend.faults.clear();
    expect(h.backend.inspect().activeReservations).toBe(1);

    const reloaded = h.newClient();
    await h.settle(reloaded.resume());
    expect(reloaded.getView().step).toBe("done");
    expect(new Set(confirmRequests(h).map((r) => r.key)).size).toBe(1);
    expect((await h.store.listReservations()).map((r) => r.id)).toEqual([reloaded.getView().reservation?.id]);
  });

  it("honors Retry-After on 503 and 429 before the next attempt", async () => {
    const h = createHarness();
    const client = h.newClient();
    await toConfirmStep(h, client);
    const confirmPath = { method: "POST", path: /\/reservations$/ };
    h.backend.faults.once(confirmPath, { kind: "status", status: 503, retryAfter: 4 });
    h.backend.faults.once(confirmPath, { kind: "status", status: 429, retryAfter: 3 });
    await h.settle(client.confirm());
    const times = h.requests
      .map((r, i) => ({ r, at: h.requestTimes[i] ?? 0 }))
      .filter(({ r }) => r.method === "POST" && r.url.endsWith("/reservations"))
      .map(({ at }) => at);
    expect(times).toHaveLength(3);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(4000);
    expect((times[2] ?? 0) - (times[1] ?? 0)).toBeGreaterThanOrEqual(3000);
    expect(client.getView().step).toBe("done");
    expect(new Set(confirmRequests(h).map((r) => r.key)).size).toBe(1);
  });

  it("a hang times out and is replayed with the same key", async () => {
    const h = createHarness();
    const client = h.newClient();
    await toConfirmStep(h, client);
    h.backend.faults.once({ method: "POST", path: /\/reservations$/ }, { kind: "hang" });
    await h.settle(client.confirm());
    expect(client.getView().step).toBe("done");
    expect(new Set(confirmRequests(h).map((r) => r.key)).size).toBe(1);
  });

  it("a second device's booking does not touch this device's store", async () => {
    const h = createHarness();
    const elsewhere = h.newClient(createMemoryStore());
    await toConfirmStep(h, elsewhere);
    await h.settle(elsewhere.confirm());
    expect(await h.store.listReservations()).toEqual([]);
  });
});
