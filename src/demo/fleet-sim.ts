/**
 * One "2021 vs Jari" run (the fleet worker's work): the fleet simulation's
 * population engine (bench/fleet/population.ts) over FLEET_DEMO, `hammer` and
 * `jari`. Kept out of the app's type project (tsconfig.app.json): it is only
 * reached from the worker.
 */
import { runStrategy } from "../../bench/fleet/population.ts";
import { WORKLOADS } from "../../bench/fleet/workloads.ts";
import { FLEET_DEMO, FLEET_STRATEGIES, type FleetAnswer } from "./fleet-run.ts";

export function runFleetDemo(seed: number): FleetAnswer {
  try {
    const base = WORKLOADS["surge-2021"];
    if (!base) throw new Error("no surge-2021 workload");
    const workload = { ...base, ...FLEET_DEMO, name: "demo", rateChanges: [] };
    const runs = FLEET_STRATEGIES.map((name) => {
      const r = runStrategy(workload, name, { seed, sample: 1 });
      return {
        name,
        loadSeries: r.loadSeries,
        requests: r.requests,
        requestsPerPerson: r.requestsPerPerson.mean,
        peakLoadRatio: r.peakLoadRatio,
        admitted: r.admitted,
        noticed: r.noticed,
      };
    });
    return { kind: "done", people: workload.people, capacityPerSecond: workload.capacityPerSecond, runs };
  } catch (error) {
    return { kind: "error", message: String(error) };
  }
}
