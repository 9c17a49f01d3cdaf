import { describe, expect, it } from "vitest";
import type { ScenarioName } from "../../mocks/model/index.ts";
import { SCENARIOS } from "../../mocks/model/scenarios.ts";
import type { BookingClient } from "../../src/core/booking/types.ts";
import { createHarness, type Harness, PERSON } from "./booking-harness.ts";

/**
 * A persistent person: whatever the screen shows, they do the obvious next
 * thing (and tap "try again" on a notice). Returns how many taps it took.
 */
async function bookLikeAPerson(h: Harness, client: BookingClient, maxTaps = 60): Promise<number> {
  for (let tap = 1; tap <= maxTaps; tap++) {
    const view = client.getView();
    switch (view.step) {
      case "done":
        return tap - 1;
      case "identity":
        client.setIdentity(PERSON);
        await h.settle(client.submitIdentity());
        break;
      case "center": {
        if (view.regionCode !== "11" || !view.centers) await h.settle(client.chooseRegion("11"));
        const center = client.getView().centerMatches[0];
        if (center) await h.settle(client.chooseCenter(center.id));
        else await h.settle(client.prefetchCatalog());
        break;
      }
      case "slot": {
        const slot = view.slots?.find((s) => s.remaining > 0);
        if (slot) await h.settle(client.chooseSlot(slot.date, slot.time));
        else await h.settle(client.loadSlots());
        break;
      }
      case "confirm":
        await h.settle(client.confirm());
        // An unknown outcome is replayed on a timer; give it the time a person would wait.
        if (client.getView().step === "confirm") await h.advance(15_000);
        break;
      default:
        throw new Error(`stuck at ${view.step} (${view.notice?.code ?? "no notice"})`);
    }
  }
  throw new Error(`not booked after ${maxTaps} taps: ${client.getView().step}`);
}

describe.each<ScenarioName>(["flaky", "bounce", "overload"])("the %s scenario", (scenario) => {
  it("books exactly once, however the booking requests fail", async () => {
    let faultsSeen = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const h = createHarness({ scenario, seed });
      h.backend.faults.clear(); // reach the front of the line first; the faults hit the booking
      const { admission, eventId } = await h.admit();
      // The scenario's own faults (bounce adds lost answers so the booking meets them too).
      h.backend.faults.configure(
        scenario === "bounce" ? { bounce: true, lostRate: 0.1 } : SCENARIOS[scenario].faults,
      );
      const before = { ...h.backend.stats().statusCounts };
      const client = h.newClient();
      await h.settle(client.start(admission, eventId));
      await bookLikeAPerson(h, client);
      const context = `${scenario} seed ${seed}`;
      expect(h.backend.inspect().activeReservations, context).toBe(1);
      expect(client.getView().reservation?.status, context).toBe("confirmed");
      expect((await h.store.listReservations()).length, context).toBe(1);
      const after = h.backend.stats().statusCounts;
      for (const [outcome, count] of Object.entries(after)) {
        if (!/^2/.test(outcome)) faultsSeen += count - (before[outcome] ?? 0);
      }
    }
    // The runs met real trouble: drops, cut or lost answers, 429/5xx.
    expect(faultsSeen).toBeGreaterThan(0);
  }, 60_000);
});
