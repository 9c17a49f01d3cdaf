import { describe, expect, it } from "vitest";
import type { Fault } from "../../mocks/model/index.ts";
import type { BookingClient } from "../../src/core/booking/types.ts";
import { seededRandom } from "../support/seeded.ts";
import { confirmRequests, createHarness, toConfirmStep } from "./booking-harness.ts";

const RUNS = 200;
const CONFIRM = { method: "POST", path: /\/reservations$/ };
const FAULTS: Fault[] = [
  { kind: "drop" },
  { kind: "lost" },
  { kind: "lost" },
  { kind: "hang" },
  { kind: "cut" },
  { kind: "status", status: 503, retryAfter: 2 },
  { kind: "status", status: 429, retryAfter: 1 },
  { kind: "status", status: 500 },
];

/**
 * One seeded run: a burst of faults on the confirm request (drops, answers
 * lost after the reservation was made, hangs, cut bodies, 5xx/429), and
 * "reloads" (a new client on the same store, the old one stopped mid-flight)
 * at random moments. Returns what the server and the app ended with.
 */
async function run(seed: number) {
  const random = seededRandom(seed);
  const h = createHarness({ seed });
  let client: BookingClient = h.newClient();
  await toConfirmStep(h, client);
  const faults = 1 + Math.floor(random() * 5);
  for (let i = 0; i < faults; i++)
    h.backend.faults.once(CONFIRM, FAULTS[Math.floor(random() * FAULTS.length)] as Fault);

  const start = confirmRequests(h).length;
  void client.confirm();
  let reloads = 0;
  for (let step = 0; step < 300 && client.getView().step !== "done"; step++) {
    await h.idle();
    if (reloads < 3 && random() < 0.15) {
      // The app is killed mid-confirm and opened again: only the store survives.
      client.stop();
      client = h.newClient();
      reloads += 1;
      void client.resume();
      continue;
    }
    await h.clock.step();
  }
  await h.idle();
  const keys = new Set(
    confirmRequests(h)
      .slice(start)
      .map((r) => r.key),
  );
  return { h, view: client.getView(), keys, reloads };
}

describe("exactly one reservation whatever happens to the confirm (property, seeded)", () => {
  it(`holds for ${RUNS} random runs of drops, lost answers, hangs and reloads`, async () => {
    let reloadsSeen = 0;
    for (let seed = 1; seed <= RUNS; seed++) {
      const { h, view, keys, reloads } = await run(seed);
      reloadsSeen += reloads;
      const context = `seed ${seed}`;
      expect(h.backend.inspect().activeReservations, context).toBe(1);
      expect(h.backend.inspect().reservations, context).toBe(1);
      expect(view.step, context).toBe("done");
      const stored = await h.store.listReservations();
      expect(
        stored.map((r) => r.id),
        context,
      ).toEqual([view.reservation?.id]);
      const draft = await h.store.getDraft();
      expect(draft?.phone ?? "", context).toBe("");
      expect(draft?.completedReservationId ?? view.reservation?.id, context).toBe(view.reservation?.id);
      // One logical action, one key, however many attempts and reloads.
      expect(keys.size, context).toBe(1);
    }
    // The runs did exercise reloads, not only retries.
    expect(reloadsSeen).toBeGreaterThan(RUNS / 4);
  }, 120_000);
});
