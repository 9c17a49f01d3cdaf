import { describe, expect, it } from "vitest";
import { createMemoryStore } from "../../src/core/store/memory-store.ts";
import { failingStore } from "../support/failing-store.ts";
import { createFakeClock } from "../support/fake-clock.ts";
import { clientOnStub } from "../support/stub-queue-api.ts";

// Found by the chaos run: storage failed mid-wait, came back, and a reload then read the place as it
// was when storage failed (its old "not before"), so it asked the server sooner than it had been told.

const T0 = Date.parse("2021-07-19T11:00:00Z");
const MINUTE = 60_000;

/** The device's store, failing while `down` says so. */
function flakyStore() {
  const inner = createMemoryStore();
  const state = { down: false };
  const store = failingStore(inner, () => state.down);
  return { store, inner, state };
}

/** A client in line on the flaky store, which has just started failing. */
async function inLineWhenStorageFails(seed: number) {
  const fake = createFakeClock(T0);
  const device = flakyStore();
  const { stub, client } = clientOnStub(fake, { seed, store: device.store });
  await client.join("c55-59");
  await fake.advance(0);
  device.state.down = true;
  return { fake, device, stub, client };
}

describe("a store that fails and comes back", () => {
  it("gets the place and the server's latest floor written back, so a reload is not early", async () => {
    const { fake, device, stub, client } = await inLineWhenStorageFails(11);
    // Reads go on while the store is down (the tab runs on memory, and says so).
    const before = stub.count("status");
    await fake.advance(5 * MINUTE);
    expect(stub.count("status")).toBeGreaterThan(before);
    expect(client.getView().notice?.code).toBe("storage_unavailable");
    const savedWhileDown = (await device.inner.getTicket("c55-59"))?.nextPollAt ?? 0;
    device.state.down = false;
    // The next answer is written to the device's store as well.
    const answered = stub.count("status");
    await fake.advance(5 * MINUTE);
    expect(stub.count("status")).toBeGreaterThan(answered);
    const saved = await device.inner.getTicket("c55-59");
    expect(saved?.ticketId).toBe(client.getView().ticketId);
    expect(saved?.nextPollAt).toBeGreaterThan(savedWhileDown);
    expect(saved?.nextPollAt).toBeGreaterThan(fake.now());
    client.stop();
  });

  it("never writes over another live place the tab could not see", async () => {
    const { fake, device, stub, client } = await inLineWhenStorageFails(12);
    await fake.advance(MINUTE);
    // Meanwhile the device's store got another live place for the line (say, from a page opened earlier).
    const mine = await device.inner.getTicket("c55-59");
    const other = { ...(mine as NonNullable<typeof mine>), joinKey: "other-key", ticketId: "t-other" };
    await device.inner.putTicket(other);
    device.state.down = false;
    const answered = stub.count("status");
    await fake.advance(5 * MINUTE);
    expect(stub.count("status")).toBeGreaterThan(answered);
    expect((await device.inner.getTicket("c55-59"))?.ticketId).toBe("t-other");
    client.stop();
  });
});
