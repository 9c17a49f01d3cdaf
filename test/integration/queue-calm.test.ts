import { describe, expect, it } from "vitest";
import { createHarness, tooEarly } from "../support/queue-harness.ts";

describe("queue: join to admission on a calm line", () => {
  it("joins once, waits politely, and notices the admission", async () => {
    const h = createHarness({ scenario: "calm" });
    const admitted: string[] = [];
    const { client, views } = h.newClient({ onAdmitted: (v) => admitted.push(v.admission?.token ?? "") });
    await client.join("c55-59");
    const reached = await h.runUntil(() => client.getView().phase === "admitted", 10 * 60_000);
    expect(reached).toBe(true);
    expect(h.backend.inspect().tickets).toBe(1);
    expect(h.byRoute("POST join")).toHaveLength(1);
    expect(admitted).toHaveLength(1);
    const ticketIds = new Set(views.map((v) => v.ticketId).filter((id) => id !== null));
    expect(ticketIds.size).toBe(1);
    expect(tooEarly(h.byRoute("GET status"))).toEqual([]);
    client.stop();
    expect(h.governorHolds()).toBe(0);
  });
});
