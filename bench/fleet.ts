/**
 * Fleet simulation: thousands of real queue cores against the mock model on
 * simulated time. `npm run bench:fleet [-- --clients 5000]`. Prints a table
 * and writes bench/results/fleet-<timestamp>.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { type FleetOptions, type FleetResult, simulateFleet } from "./fleet/simulate.ts";

const arg = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isFinite(value) ? value : fallback;
};

const clients = arg("clients", 2000);
const seed = arg("seed", 1);
const MINUTE = 60_000;

export const FLEET_RUNS: Record<string, (n: number, seed: number) => FleetOptions> = {
  // The July 2021 opening: everyone is in the pre-queue (1.2 M simulated people) before 20:00.
  "opening-surge": (n, s) => ({
    scenario: "opening-surge",
    eventId: "c53-54",
    clients: n,
    seed: s,
    joinFromMs: 0,
    joinToMs: 55_000,
    maxMs: 40 * MINUTE,
    backgroundShare: 0.5,
    maxSkewMs: 2 * 3_600_000,
  }),
  // Every request fails from +20 s to +50 s (503, Retry-After as an HTTP-date); then the line moves on.
  outage: (n, s) => ({
    scenario: "outage",
    eventId: "c55-59",
    clients: n,
    seed: s,
    joinFromMs: 0,
    joinToMs: 15_000,
    maxMs: 30 * MINUTE,
    backgroundShare: 0.5,
    maxSkewMs: 2 * 3_600_000,
    speed: Math.max(1, n / 600),
    measureRetriesAfterMs: 50_000,
  }),
  // One person in the foreground through a ~25-minute wait behind the 1.2 M pre-queue (the demo's number).
  "one-person-wait": (_n, s) => ({
    scenario: "opening-surge",
    eventId: "c55-59",
    clients: 1,
    seed: s,
    joinFromMs: 0,
    joinToMs: 0,
    maxMs: 40 * MINUTE,
    backgroundShare: 0,
    maxSkewMs: 0,
  }),
  // Drops, lost answers (applied but unanswered), cut bodies, garbage, 5xx and 429 on ~25 % of requests.
  flaky: (n, s) => ({
    scenario: "flaky",
    eventId: "c55-59",
    clients: n,
    seed: s,
    joinFromMs: 0,
    joinToMs: 30_000,
    maxMs: 30 * MINUTE,
    backgroundShare: 0.5,
    maxSkewMs: 2 * 3_600_000,
    speed: Math.max(1, n / 600),
    measureRetriesAfterMs: 0,
  }),
};

function row(r: FleetResult & { run: string }): Record<string, string | number> {
  const fixed = (v: number | null, d = 2) => (v === null ? "-" : Number(v.toFixed(d)));
  return {
    run: r.run,
    clients: r.clients,
    "sim min": r.simulatedMinutes,
    requests: r.totalRequests,
    "req/client/min": fixed(r.requestsPerClientMinute),
    "peak rps": r.peakRequestsPerSecond,
    "naive peak rps": r.naivePeakRequestsPerSecond,
    "peak vs naive": fixed(r.peakVsNaive, 3),
    "total vs naive": fixed(r.totalVsNaive, 3),
    "retry max 1s share": fixed(r.retryMaxBucketShare, 3),
    "dup tickets": r.duplicateTickets,
    "lost places": r.lostPlaces,
    "noticed/admitted": `${r.admissionsNoticed}/${r.admissions} (${fixed(r.noticedRatio, 3)})`,
    "median detect s": fixed(r.medianDetectionSeconds, 1),
    "p95 detect s": fixed(r.p95DetectionSeconds, 1),
    "wall s": r.wallSeconds,
  };
}

async function main(): Promise<void> {
  const only = process.argv.includes("--scenario")
    ? process.argv[process.argv.indexOf("--scenario") + 1]
    : null;
  const results: Array<FleetResult & { run: string }> = [];
  for (const [name, make] of Object.entries(FLEET_RUNS)) {
    if (only && only !== name) continue;
    console.log(`running ${name}…`);
    results.push({ run: name, ...(await simulateFleet(make(clients, seed))) });
  }
  console.table(results.map(row));
  mkdirSync("bench/results", { recursive: true });
  const file = `bench/results/fleet-${new Date().toISOString().replaceAll(":", "-")}.json`;
  writeFileSync(file, `${JSON.stringify({ clients, seed, results }, null, 2)}\n`);
  console.log(`wrote ${file}`);
  const bad = results.filter((r) => r.duplicateTickets > 0 || r.lostPlaces > 0 || r.noticedRatio < 1);
  if (bad.length > 0) {
    console.error("FAILED: duplicates, lost places or unnoticed admissions");
    process.exitCode = 1;
  }
}

// Run only as a script (the vitest file imports FLEET_RUNS).
if (process.argv[1]?.endsWith("fleet.ts")) await main();
