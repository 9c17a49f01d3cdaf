/**
 * "2021 vs Jari, live" (demo panel, issue 11 item 2): the message a page
 * sends the fleet worker and what comes back, the workload it runs, and the
 * chart's shapes. The worker runs the fleet simulation's population engine
 * (bench/fleet/population.ts) — the same engine and the app's own policy
 * functions, not a second copy. Pure, except nothing: shapes only.
 */

/** The simulated phones and their server: a few thousand people, a line admitted at 10 a second. */
export const FLEET_DEMO = {
  people: 3_000,
  admitPerSecond: 10,
  capacityPerSecond: 300,
  /** Arrivals: 75 % in the first minute, the rest over five. */
  restWindowMs: 5 * 60_000,
  maxMs: 20 * 60_000,
} as const;

export const FLEET_STRATEGIES = ["hammer", "jari"] as const;
export type FleetStrategy = (typeof FLEET_STRATEGIES)[number];

export interface FleetRequest {
  seed: number;
}

export interface FleetRun {
  name: FleetStrategy;
  /** Offered requests a second, one value per simulated second. */
  loadSeries: number[];
  requests: number;
  requestsPerPerson: number;
  peakLoadRatio: number;
  admitted: number;
  noticed: number;
}

export type FleetAnswer =
  | { kind: "done"; people: number; capacityPerSecond: number; runs: FleetRun[] }
  | { kind: "error"; message: string };

export interface FleetShape {
  lines: Record<FleetStrategy, string>;
  capacityY: number;
  maxLoad: number;
}

/**
 * The first `shown` seconds of each series on a width × height chart, over
 * the whole run's time axis (so the lines grow to the right as it plays).
 */
export function fleetShape(
  runs: readonly FleetRun[],
  shown: number,
  capacity: number,
  width: number,
  height: number,
): FleetShape {
  const length = Math.max(1, ...runs.map((r) => r.loadSeries.length));
  const maxLoad = Math.max(capacity * 1.25, ...runs.flatMap((r) => r.loadSeries));
  const x = (i: number) => Math.round((i / Math.max(1, length - 1)) * width * 10) / 10;
  const y = (v: number) => Math.round((height - (v / maxLoad) * (height - 2)) * 10) / 10;
  const lines = { hammer: "", jari: "" } as Record<FleetStrategy, string>;
  for (const run of runs) {
    lines[run.name] = run.loadSeries
      .slice(0, Math.max(0, shown))
      .map((v, i) => `${x(i)},${y(v)}`)
      .join(" ");
  }
  return { lines, capacityY: y(capacity), maxLoad };
}
