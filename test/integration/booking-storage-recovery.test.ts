import { describe, expect, it } from "vitest";
import { failingStore as failing } from "../support/failing-store.ts";
import { createHarness, toConfirmStep } from "./booking-harness.ts";

describe("booking while storage fails (chaos: a reservation and its floors lost to a reload)", () => {
  it("a reservation confirmed while storage fails is written once storage comes back, without a reload", async () => {
    const h = createHarness({ seed: 11 });
    let down = false;
    const client = h.newClient(failing(h.store, () => down));
    await toConfirmStep(h, client);
    down = true;
    await h.settle(client.confirm());
    expect(client.getView().step).toBe("done");
    expect(await h.store.listReservations()).toEqual([]);

    down = false;
    await h.advance(2_100);
    expect((await h.store.listReservations()).map((r) => r.id)).toEqual([client.getView().reservation?.id]);
    client.stop();
  });

  it("a route's Retry-After told while storage fails is saved with the draft once storage comes back", async () => {
    const h = createHarness({ seed: 12 });
    let down = false;
    const client = h.newClient(failing(h.store, () => down));
    await toConfirmStep(h, client);
    h.backend.faults.once(
      { method: "GET", path: /\/slots$/ },
      { kind: "status", status: 503, retryAfter: 600 },
    );
    down = true;
    const loading = client.loadSlots();
    await h.advance(1_000);
    down = false;
    await h.advance(2_100);
    const floors = ((await h.store.getDraft()) as unknown as { routeFloors?: Record<string, number> })
      .routeFloors;
    expect(Object.values(floors ?? {}).some((until) => until > h.clock.now() + 500_000)).toBe(true);
    client.stop();
    await loading.catch(() => undefined);
  });
});
