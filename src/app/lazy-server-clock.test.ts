import { describe, expect, it } from "vitest";
import { createServerClock } from "../core/clock/server-clock.ts";
import type { Clock } from "../core/clock/types.ts";
import { lazyServerClock } from "./lazy-server-clock.ts";

/** Device clock 10 minutes slow; the server says so in its answers. */
const DEVICE = 1_700_000_000_000;
const SERVER = DEVICE + 600_000;
const clock: Clock = {
  now: () => DEVICE,
  monotonic: () => 0,
  setTimeout: () => 0,
  clearTimeout: () => undefined,
};
const sample = (precise: boolean) => ({
  sentAt: DEVICE,
  receivedAt: DEVICE,
  serverTime: SERVER,
  precise,
});

describe("the server clock, loaded off the first screen", () => {
  it("is the unsynced device clock until loaded, then the estimate from every sample kept meanwhile", async () => {
    const lazy = lazyServerClock(clock, async () => createServerClock);
    lazy.observe(sample(false));
    lazy.observe(sample(true));
    expect(lazy.synced?.()).toBe(false);
    expect(lazy.serverNow()).toBe(DEVICE);
    expect(lazy.offsetMs()).toBe(0);

    await lazy.ready();
    expect(lazy.synced?.()).toBe(true);
    expect(lazy.offsetMs()).toBe(600_000);
    expect(lazy.serverNow()).toBe(SERVER);
  });

  it("loads once, and tries again after a failed load (offline before the chunk was cached)", async () => {
    let loads = 0;
    const lazy = lazyServerClock(clock, async () => {
      loads++;
      if (loads === 1) throw new Error("chunk failed");
      return createServerClock;
    });
    lazy.observe(sample(true));
    await expect(lazy.ready()).rejects.toThrow("chunk failed");
    await Promise.all([lazy.ready(), lazy.ready()]);
    expect(loads).toBe(2);
    expect(lazy.serverNow()).toBe(SERVER);
  });
});
