import { describe, expect, it } from "vitest";
import { simulateFleet } from "./fleet/simulate.ts";
import { FLEET_RUNS } from "./fleet.ts";

// Counts, not timing: a tiny fleet of real queue cores against the model on simulated time.
describe("fleet (50 clients)", () => {
  for (const name of ["opening-surge", "outage", "flaky"] as const) {
    it(`${name}: no duplicate tickets, no lost places, every admission noticed, far fewer requests than naive`, async () => {
      const make = FLEET_RUNS[name];
      if (!make) throw new Error(`no run ${name}`);
      const result = await simulateFleet(make(50, 3));
      expect(result.duplicateTickets).toBe(0);
      expect(result.lostPlaces).toBe(0);
      expect(result.duplicateAlerts).toBe(0);
      expect(result.admissions).toBeGreaterThan(0);
      expect(result.noticedRatio).toBe(1);
      expect(result.totalRequests).toBeLessThan(result.naiveTotalRequests);
      expect(result.peakRequestsPerSecond).toBeLessThan(result.naivePeakRequestsPerSecond);
    }, 60_000);
  }
});
