import { describe, expect, it } from "vitest";
import { runMode } from "./turn-alerts.ts";

/** The turn-alert bench on one seed: how the four ways of hearing the turn compare (counts, simulated time). */
describe("bench: hearing the turn (npm run bench:alerts)", () => {
  it("held reads show the admission within a second, for fewer reads than polling", async () => {
    const held = await runMode("visible-held", 1);
    const polling = await runMode("visible-polling", 1);
    expect(held.noticeMs).toBeGreaterThanOrEqual(0);
    expect(held.noticeMs).toBeLessThan(1000);
    expect(polling.noticeMs).toBeGreaterThan(held.noticeMs);
    expect(held.statusReads).toBeLessThan(polling.statusReads);
  });

  it("a hidden page with push reads least and hears the turn within seconds; without push Chrome's throttling costs tens of seconds", async () => {
    const push = await runMode("hidden-push", 1);
    const throttled = await runMode("hidden-throttled", 1);
    const polling = await runMode("visible-polling", 1);
    expect(push.pushes).toBeGreaterThanOrEqual(1);
    expect(push.statusReads).toBeLessThan(polling.statusReads);
    expect(push.noticeMs).toBeLessThan(5_000);
    expect(throttled.noticeMs).toBeGreaterThan(push.noticeMs);
  });
});
