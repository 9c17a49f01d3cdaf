import { describe, expect, it, vi } from "vitest";
import { createQueueClient } from "../../src/core/queue/client.ts";
import { sameAdmission, withoutAdmissionToken } from "../../src/core/store/admission.ts";
import type { KeptAdmission } from "../../src/core/store/types.ts";
import { seededIds, seededRandom } from "../support/seeded.ts";
import { createHarness, EVENT_ID, type Harness, PERSON, toConfirmStep } from "./booking-harness.ts";

// Issue 8, point 8 (privacy): once a reservation is made under an admission, or the admission is
// over, no admission token (nor ticket token) stays on the device; what depends on telling that
// admission apart still works, by its non-secret mark.

const stored = async (h: Harness) =>
  JSON.stringify([await h.store.getDraft(), await h.store.getTicket(EVENT_ID)]);

describe("booking: the admission token goes when it has served", () => {
  it("after the reservation the draft keeps no admission or identity token, and the queue is told", async () => {
    const h = createHarness();
    const onAdmissionUsed = vi.fn<(eventId: string, admission: KeptAdmission) => void>();
    const client = h.newClient(undefined, { onAdmissionUsed });
    await toConfirmStep(h, client);
    const before = await h.store.getDraft();
    const admissionToken = before?.admission.token as string;
    const identityToken = before?.identityToken as string;
    expect(admissionToken).toMatch(/\S/);
    expect(identityToken).toMatch(/\S/);

    await h.settle(client.confirm());
    expect(client.getView().step).toBe("done");
    const draft = await h.store.getDraft();
    expect(draft?.completedReservationId).toBe(client.getView().reservation?.id);
    expect(JSON.stringify(draft)).not.toContain(admissionToken);
    expect(JSON.stringify(draft)).not.toContain(identityToken);
    // Still recognisable as that admission.
    expect(sameAdmission(draft?.admission, before?.admission)).toBe(true);
    expect(onAdmissionUsed).toHaveBeenCalledTimes(1);
    const [eventId, told] = onAdmissionUsed.mock.calls[0] ?? [];
    expect(eventId).toBe(EVENT_ID);
    expect(told?.token).toBeNull();
    expect(sameAdmission(told, before?.admission)).toBe(true);
  });

  it("reopening the finished admission, with or without its token, shows the booking and tells the queue again", async () => {
    const h = createHarness();
    const client = h.newClient();
    await toConfirmStep(h, client);
    const admission = (await h.store.getDraft())?.admission;
    if (!admission?.token) throw new Error("no admission");
    await h.settle(client.confirm());
    const id = client.getView().reservation?.id;

    for (const opened of [admission, withoutAdmissionToken(admission)]) {
      const onAdmissionUsed = vi.fn();
      const again = h.newClient(undefined, { onAdmissionUsed });
      await h.settle(again.start(opened, EVENT_ID));
      expect(again.getView().step).toBe("done");
      expect(again.getView().reservation?.id).toBe(id);
      expect(onAdmissionUsed).toHaveBeenCalledTimes(1);
    }
    // Opened after a reload with no admission at hand: the same.
    const onAdmissionUsed = vi.fn();
    const third = h.newClient(undefined, { onAdmissionUsed });
    await h.settle(third.resume());
    expect(third.getView().reservation?.id).toBe(id);
    expect(onAdmissionUsed).toHaveBeenCalledTimes(1);
    expect(await stored(h)).not.toContain(admission.token);
  });

  it("a finished booking's marker saved with its admission token (by an older version) is rewritten without it", async () => {
    const h = createHarness();
    const client = h.newClient();
    await toConfirmStep(h, client);
    const admission = (await h.store.getDraft())?.admission;
    if (!admission?.token) throw new Error("no admission");
    await h.settle(client.confirm());
    const marker = await h.store.getDraft();
    if (!marker) throw new Error("no marker");
    await h.store.putDraft({ ...marker, admission });
    const again = h.newClient();
    await h.settle(again.resume());
    await h.idle();
    expect(again.getView().step).toBe("done");
    expect(JSON.stringify(await h.store.getDraft())).not.toContain(admission.token);
  });

  it("a used admission's token-less form starts no new booking", async () => {
    const h = createHarness();
    const { admission, eventId } = await h.admit();
    const client = h.newClient();
    await h.settle(client.start(withoutAdmissionToken(admission), eventId));
    expect(client.getView().step).toBe("none");
    expect(h.requests.filter((r) => r.url.includes("/identity"))).toEqual([]);
  });

  it("once the window ends with nothing in doubt, the draft keeps no admission token", async () => {
    const h = createHarness();
    const client = h.newClient();
    const chosen = await toConfirmStep(h, client);
    const token = (await h.store.getDraft())?.admission.token as string;
    await h.advance(10 * 60_000);
    expect(client.getView().step).toBe("expired");
    const draft = await h.store.getDraft();
    expect(JSON.stringify(draft)).not.toContain(token);
    // The choices stay for the next admission, which books as before.
    expect(draft).toMatchObject({ regionCode: "11", centerId: chosen.centerId });
    const next = await h.admit();
    await h.settle(client.start(next.admission, next.eventId));
    expect(client.getView()).toMatchObject({ step: "identity", regionCode: "11" });
  });

  it("a confirm in doubt at the window's end keeps the admission token for its replay, then drops it", async () => {
    const h = createHarness();
    const client = h.newClient();
    const chosen = await toConfirmStep(h, client);
    const token = (await h.store.getDraft())?.admission.token as string;
    h.backend.faults.configure({ dropRate: 1 });
    const confirming = client.confirm();
    await h.advance((chosen.expiresAt ?? 0) + 100 - h.clock.trueNow());
    expect(client.getView().confirmPending).toBe(true);
    // Needed to learn what happened: the replay goes under this admission.
    expect((await h.store.getDraft())?.admission.token).toBe(token);
    h.backend.faults.clear();
    await h.advance(2 * 60_000);
    await confirming;
    expect(client.getView().step).toBe("expired");
    expect(JSON.stringify(await h.store.getDraft())).not.toContain(token);
  });
});

describe("queue and booking on one device", () => {
  it("after the booking the stored ticket keeps no token, and the queue reads nothing more for it", {
    timeout: 30_000,
  }, async () => {
    const h = createHarness();
    const random = seededRandom(7);
    const queue = createQueueClient({
      api: h.api,
      store: h.store,
      clock: h.clock,
      serverClock: h.serverClock,
      random,
      newId: seededIds(random),
    });
    const booking = h.newClient(undefined, {
      onAdmissionUsed: (eventId, admission) => void queue.admissionUsed(eventId, admission),
    });
    await queue.resume();
    await h.settle(queue.join(EVENT_ID));
    for (let i = 0; i < 60 && queue.getView().phase !== "admitted"; i++) await h.advance(5_000);
    const admission = queue.getView().admission;
    const ticketToken = (await h.store.getTicket(EVENT_ID))?.ticketToken;
    if (!admission?.token || !ticketToken) throw new Error("not admitted");

    await h.settle(booking.start(admission, EVENT_ID));
    booking.setIdentity(PERSON);
    await h.settle(booking.submitIdentity());
    await h.settle(booking.chooseRegion("11"));
    await h.settle(booking.chooseCenter(booking.getView().centerMatches[0]?.id ?? ""));
    const slot = booking.getView().slots?.find((s) => s.remaining > 0);
    if (!slot) throw new Error("no free slot");
    await h.settle(booking.chooseSlot(slot.date, slot.time));
    await h.settle(booking.confirm());
    expect(booking.getView().step).toBe("done");
    await h.idle();

    const device = await stored(h);
    expect(device).not.toContain(admission.token);
    expect(device).not.toContain(ticketToken);
    // The waiting room still shows the admission, and opening it again shows the booking.
    expect(queue.getView().phase).toBe("admitted");
    const reopened = h.newClient();
    await h.settle(reopened.start(queue.getView().admission as KeptAdmission, EVENT_ID));
    expect(reopened.getView().step).toBe("done");

    // No status read from here on: not now, not at the window's end (nothing to confirm it with).
    const reads = () =>
      h.requests.filter((r) => r.method === "GET" && /\/tickets\/[^/]+$/.test(r.url)).length;
    const readsBefore = reads();
    await h.advance(11 * 60_000);
    expect(reads()).toBe(readsBefore);
    expect(queue.getView().phase).toBe("expired");
    const final = await stored(h);
    expect(final).not.toContain(admission.token);
    expect(final).not.toContain(ticketToken);
    queue.stop();
  });
});
