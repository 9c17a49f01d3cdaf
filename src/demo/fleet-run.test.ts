import { describe, expect, it } from "vitest";
import { FLEET_DEMO, type FleetRun, fleetShape } from "./fleet-run.ts";
import { runFleetDemo } from "./fleet-sim.ts";

const run = (name: "hammer" | "jari", loadSeries: number[]): FleetRun => ({
  name,
  loadSeries,
  requests: 0,
  requestsPerPerson: 0,
  peakLoadRatio: 0,
  admitted: 0,
  noticed: 0,
});

describe("2021 vs Jari: the chart", () => {
  it("draws the first `shown` seconds over the whole run's time axis, capacity as a line", () => {
    const shape = fleetShape([run("hammer", [0, 500, 250]), run("jari", [10, 10, 10])], 2, 200, 300, 100);
    expect(shape.maxLoad).toBe(500);
    expect(shape.lines.hammer).toBe("0,100 150,2");
    expect(shape.lines.jari.split(" ")).toHaveLength(2);
    expect(shape.capacityY).toBeCloseTo(100 - (200 / 500) * 98, 1);
  });

  it("leaves room above capacity when every line is below it", () => {
    const shape = fleetShape([run("jari", [1, 2])], 0, 100, 300, 100);
    expect(shape.maxLoad).toBe(125);
    expect(shape.lines.jari).toBe("");
  });
});

describe("2021 vs Jari: the run (the fleet simulation's population engine)", () => {
  it("hammer offers far more load than jari, above capacity, for the same people", () => {
    const answer = runFleetDemo(1);
    if (answer.kind !== "done") throw new Error(answer.message);
    expect(answer.people).toBe(FLEET_DEMO.people);
    const [hammer, jari] = answer.runs;
    expect(hammer?.name).toBe("hammer");
    expect(jari?.name).toBe("jari");
    expect(hammer?.peakLoadRatio).toBeGreaterThan(1);
    expect(jari?.peakLoadRatio).toBeLessThan(1);
    expect(hammer?.requests ?? 0).toBeGreaterThan(20 * (jari?.requests ?? Infinity));
    expect(jari?.noticed).toBeGreaterThan(0.9 * FLEET_DEMO.people);
  });
});
