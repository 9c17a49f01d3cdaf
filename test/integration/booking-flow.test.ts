import { describe, expect, it } from "vitest";
import { confirmRequests, createHarness, PERSON, toConfirmStep } from "./booking-harness.ts";

describe("booking flow against the mock backend", () => {
  it("goes from admission to a confirmed reservation kept on the device, without personal data left", async () => {
    const h = createHarness();
    const client = h.newClient();
    const before = await toConfirmStep(h, client);
    expect(before.step).toBe("confirm");
    expect(before.maskedName).toBe("홍*동");
    expect(before.regions).toHaveLength(17);
    expect(before.secondDoseExpected?.time).toBe(before.time);

    await h.settle(client.confirm());
    const view = client.getView();
    expect(view.step).toBe("done");
    expect(view.reservation?.status).toBe("confirmed");
    expect(view.reservation?.firstDose).toEqual({ date: before.date, time: before.time });
    // The server sets the second dose; it matches what was shown as expected.
    expect(view.reservation?.secondDose).toEqual(before.secondDoseExpected);
    expect(h.backend.inspect().activeReservations).toBe(1);

    expect(await h.store.listReservations()).toEqual([view.reservation]);
    // Personal data is gone from the device; only a marker of the finished booking stays.
    const draft = await h.store.getDraft();
    expect(draft).toMatchObject({
      name: "",
      birthDate: "",
      phone: "",
      identityToken: null,
      reservationKey: null,
    });
    expect(draft?.completedReservationId).toBe(view.reservation?.id);
    expect(JSON.stringify(draft)).not.toContain(PERSON.phone.slice(-4));
    expect(JSON.stringify(view)).not.toContain(PERSON.phone);
  });

  it("saves the reservation key with the draft before the first confirm attempt", async () => {
    const h = createHarness();
    const client = h.newClient();
    await toConfirmStep(h, client);
    let savedKey: string | null = null;
    const putDraft = h.store.putDraft.bind(h.store);
    h.store.putDraft = async (draft) => {
      if (draft.reservationKey && confirmRequests(h).length === 0) savedKey = draft.reservationKey;
      return putDraft(draft);
    };
    await h.settle(client.confirm());
    expect(savedKey).not.toBeNull();
    expect(confirmRequests(h).map((r) => r.key)).toEqual([savedKey]);
  });

  it("survives a reload at every step: the draft resumes where it was", async () => {
    const h = createHarness();
    const first = h.newClient();
    const { admission, eventId } = await h.admit();
    await h.settle(first.start(admission, eventId));
    first.setIdentity(PERSON);
    await h.settle(first.submitIdentity());
    await h.settle(first.chooseRegion("26"));
    first.stop();

    const second = h.newClient();
    await h.settle(second.resume());
    const view = second.getView();
    expect(view.step).toBe("center");
    expect(view.regionCode).toBe("26");
    expect(view.identity).toEqual(PERSON);
    expect(view.centers?.every((c) => c.region === "26")).toBe(true);
  });

  it("remembers the last region and center for the next booking", async () => {
    const h = createHarness();
    const client = h.newClient();
    const chosen = await toConfirmStep(h, client);
    const prefs = await h.store.getPreferences();
    expect(prefs.lastRegionCode).toBe("11");
    expect(prefs.lastCenterId).toBe(chosen.centerId);
  });

  it("serves regions and centers from the device cache when offline", async () => {
    const h = createHarness();
    const online = h.newClient();
    await h.settle(online.prefetchCatalog());
    const requestsBefore = h.requests.length;
    h.backend.faults.configure({ dropRate: 1 });
    const offline = h.newClient();
    const { admission, eventId } = {
      admission: { token: "t", expiresAt: "2021-07-19T11:30:00.000Z" },
      eventId: "x",
    };
    await h.settle(offline.start(admission, eventId));
    offline.setIdentity(PERSON);
    expect(offline.getView().regions).toHaveLength(17);
    expect(h.requests.length).toBe(requestsBefore);
  });

  it("looks up, refreshes and cancels the reservation (cancelling twice is fine)", async () => {
    const h = createHarness();
    const client = h.newClient();
    await toConfirmStep(h, client);
    await h.settle(client.confirm());
    const id = client.getView().reservation?.id ?? "";

    const later = h.newClient();
    await h.settle(later.loadReservations());
    expect(later.getView().reservations.map((r) => r.id)).toEqual([id]);
    await h.settle(later.openReservation(id));
    expect(later.getView().reservation?.id).toBe(id);

    await h.settle(later.cancelReservation(id));
    expect(later.getView().reservation?.status).toBe("cancelled");
    expect((await h.store.listReservations())[0]?.status).toBe("cancelled");
    expect(h.backend.inspect().activeReservations).toBe(0);
    await h.settle(later.cancelReservation(id));
    expect(later.getView().reservation?.status).toBe("cancelled");
    expect(later.getView().notice).toBeNull();
  });
});

describe("after the booking", () => {
  it("opening the booking again under the same admission shows the booking, not an empty form", async () => {
    const h = createHarness();
    const client = h.newClient();
    await toConfirmStep(h, client);
    const draft = await h.store.getDraft();
    await h.settle(client.confirm());
    const id = client.getView().reservation?.id;

    const again = h.newClient();
    await h.settle(again.start(draft?.admission as NonNullable<typeof draft>["admission"], "c55-59"));
    expect(again.getView()).toMatchObject({ step: "done" });
    expect(again.getView().reservation?.id).toBe(id);

    // With no admission at all, the app shows the latest booking too.
    const third = h.newClient();
    await h.settle(third.resume());
    expect(third.getView().reservation?.id).toBe(id);
  });
});

describe("double taps", () => {
  it("a second confirm tap while the key is being saved sends one request, only after the key landed", async () => {
    const h = createHarness();
    const client = h.newClient();
    await toConfirmStep(h, client);
    let landedKey: string | null = null;
    const putDraft = h.store.putDraft.bind(h.store);
    h.store.putDraft = async (draft) => {
      // A slow disk: the write lands a few ticks later.
      for (let i = 0; i < 5; i++) await Promise.resolve();
      await putDraft(draft);
      landedKey = draft.reservationKey;
    };
    const keyAtSend: (string | null)[] = [];
    h.onRequest = (request) => {
      if (request.method === "POST" && request.url.endsWith("/reservations")) keyAtSend.push(landedKey);
    };
    const sentBefore = confirmRequests(h).length;
    await h.settle(Promise.all([client.confirm(), client.confirm()]));
    const sent = confirmRequests(h).slice(sentBefore);
    expect(sent).toHaveLength(1);
    expect(keyAtSend).toEqual([sent[0]?.key]);
    expect(client.getView().step).toBe("done");
  });
});

describe("two tabs", () => {
  it("two tabs confirming the same draft share one key and both show the one reservation", async () => {
    const h = createHarness();
    const tabA = h.newClient();
    await toConfirmStep(h, tabA);
    const tabB = h.newClient();
    await h.settle(tabB.resume());
    expect(tabB.getView().step).toBe("confirm");
    const sentBefore = confirmRequests(h).length;

    await h.settle(tabA.confirm());
    await h.settle(tabB.confirm());
    expect(tabA.getView().step).toBe("done");
    expect(tabB.getView().step).toBe("done");
    expect(tabB.getView().reservation?.id).toBe(tabA.getView().reservation?.id);
    expect(confirmRequests(h).length - sentBefore).toBe(1);
    expect(h.backend.inspect().activeReservations).toBe(1);
  });

  it("a tab confirming while the other's confirm is in flight replays the same key", async () => {
    const h = createHarness();
    const tabA = h.newClient();
    await toConfirmStep(h, tabA);
    const tabB = h.newClient();
    await h.settle(tabB.resume());
    h.backend.faults.once({ method: "POST", path: /\/reservations$/ }, { kind: "lost" });
    const sentBefore = confirmRequests(h).length;
    const a = tabA.confirm();
    await h.idle(); // A's key is saved and its request sent (and its answer lost)
    const b = tabB.confirm();
    await h.settle(Promise.all([a, b]));
    const keys = new Set(
      confirmRequests(h)
        .slice(sentBefore)
        .map((r) => r.key),
    );
    expect(keys.size).toBe(1);
    expect(tabA.getView().step).toBe("done");
    expect(tabB.getView().step).toBe("done");
    expect(h.backend.inspect().activeReservations).toBe(1);
  });
});
