/**
 * Fleet simulation at national scale. `npm run bench:fleet -- --help` for options.
 *
 * Tier 1 (default): the population engine (./fleet/population.ts), every strategy on the same
 * people, against an honest server; writes bench/results/fleet.json, fleet.md and fleet.svg.
 * Tier 2 (calibration, also by default): real queue cores on the mock model vs the engine's jari.
 * `--legacy` runs the earlier real-core scenarios (opening-surge, outage, flaky, one person).
 */
import { fork } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { calibrate } from "./fleet/calibrate.ts";
import { DEFAULT_SAMPLE, STRATEGIES, type StrategyName, type StrategyResult } from "./fleet/population.ts";
import { type CalibrationDelta, toMarkdown, toReport, toSvg } from "./fleet/report.ts";
import { type FleetOptions, type FleetResult, simulateFleet } from "./fleet/simulate.ts";
import { overrideWorkload, WORKLOADS } from "./fleet/workloads.ts";

const HELP = `npm run bench:fleet [-- options]

Population engine (default): every person of a rush, every strategy, one honest server.
  --workload NAME      surge-2021 (default, 2,000,000 people), surge-10m, prequeue
  --people N           override the number of people
  --strategies A,B     a subset of: ${STRATEGIES.join(", ")}
  --sample NAME=K,...  simulate 1 in K people of a strategy (its load is scaled K×);
                       defaults: ${Object.entries(DEFAULT_SAMPLE)
                         .filter(([, k]) => k > 1)
                         .map(([s, k]) => `${s}=${k}`)
                         .join(", ")}
  --set KEY=VALUE      override any workload field (JSON values; phones.KEY for phones),
                       e.g. --set capacityPerSecond=50000 --set phones.pushShare=0.3
  --seed N             (default 1)
  --jobs N             strategies run in parallel processes (default: min(2, cores))
  --calibrate N        real queue clients in the calibration tier (default 1000; 0 = skip)
  --out DIR            where fleet.json, fleet.md and fleet.svg go (default bench/results)

Legacy real-core scenarios (today's engine only):
  --legacy [--clients N] [--scenario opening-surge|outage|one-person-wait|flaky]

  --help               this text
`;

const argv = process.argv.slice(2);
const flag = (name: string): boolean => argv.includes(`--${name}`);
const value = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const values = (name: string): string[] =>
  argv.flatMap((a, i) => (a === `--${name}` && argv[i + 1] ? [argv[i + 1] as string] : []));
const num = (name: string, fallback: number): number => {
  const v = Number(value(name));
  return value(name) !== undefined && Number.isFinite(v) ? v : fallback;
};

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

async function legacy(): Promise<void> {
  const clients = num("clients", 2000);
  const seed = num("seed", 1);
  const only = value("scenario") ?? null;
  const results: Array<FleetResult & { run: string }> = [];
  for (const [name, make] of Object.entries(FLEET_RUNS)) {
    if (only && only !== name) continue;
    console.log(`running ${name}…`);
    results.push({ run: name, ...(await simulateFleet(make(clients, seed))) });
  }
  console.table(
    results.map((r) => ({
      run: r.run,
      clients: r.clients,
      requests: r.totalRequests,
      "req/client": Number(r.requestsPerClient.toFixed(2)),
      "peak rps": r.peakRequestsPerSecond,
      "lost places": r.lostPlaces,
      "noticed/admitted": `${r.admissionsNoticed}/${r.admissions}`,
      "p50/p99 notice s": `${r.medianDetectionSeconds ?? "-"}/${r.p99DetectionSeconds ?? "-"}`,
    })),
  );
  const bad = results.filter((r) => r.duplicateTickets > 0 || r.lostPlaces > 0 || r.noticedRatio < 1);
  if (bad.length > 0) {
    console.error("FAILED: duplicates, lost places or unnoticed admissions");
    process.exitCode = 1;
  }
}

function runInChild(job: object): Promise<{ result: StrategyResult; rssMB: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL("./fleet/worker.ts", import.meta.url)), [], {
      serialization: "advanced",
    });
    let answered = false;
    child.once("message", (message) => {
      answered = true;
      resolve(message as { result: StrategyResult; rssMB: number });
    });
    child.once("exit", (code) => {
      if (!answered) reject(new Error(`worker exited with ${code}`));
    });
    child.send(job);
  });
}

async function main(): Promise<void> {
  if (flag("help")) {
    console.log(HELP);
    return;
  }
  if (flag("legacy")) return legacy();
  const wallStart = performance.now();
  const name = value("workload") ?? "surge-2021";
  const base = WORKLOADS[name];
  if (!base || name === "calibration") throw new Error(`unknown workload ${name} (try --help)`);
  let workload = overrideWorkload(base, values("set"));
  if (value("people") !== undefined) workload = { ...workload, people: num("people", workload.people) };
  const seed = num("seed", 1);
  const strategies = (value("strategies")?.split(",") ?? [...STRATEGIES]) as StrategyName[];
  for (const s of strategies) if (!STRATEGIES.includes(s)) throw new Error(`unknown strategy ${s}`);
  const samples = new Map<string, number>();
  for (const pair of value("sample")?.split(",") ?? []) {
    const [s, k] = pair.split("=");
    samples.set(s as string, Number(k));
  }
  const jobs = Math.max(1, num("jobs", Math.min(2, availableParallelism())));
  const out = value("out") ?? "bench/results";

  // Largest first, so two processes finish together.
  const queue = [...strategies].sort((a, b) => (DEFAULT_SAMPLE[a] ?? 1) - (DEFAULT_SAMPLE[b] ?? 1));
  const results = new Map<string, StrategyResult>();
  let peakChildMB = 0;
  const workers = Array.from({ length: Math.min(jobs, queue.length) }, async () => {
    for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
      const { result, rssMB } = await runInChild({ workload, strategy: s, seed, sample: samples.get(s) });
      peakChildMB = Math.max(peakChildMB, rssMB);
      results.set(s, result);
      console.log(
        `${s.padEnd(18)} ${result.sample > 1 ? `1 in ${result.sample}`.padEnd(10) : "all".padEnd(10)} ` +
          `req/person ${result.requestsPerPerson.mean}  peak/cap ${result.peakLoadRatio} (after 1st min ${result.peakLoadRatioAfterFirstMinute})  ` +
          `${result.wallSeconds} s, ${rssMB} MB`,
      );
    }
  });
  const calibrationClients = num("calibrate", 1000);
  const calibration: Promise<CalibrationDelta | null> =
    calibrationClients > 0 ? calibrate(calibrationClients, seed) : Promise.resolve(null);
  await Promise.all(workers);
  const cal = await calibration;
  const ordered = strategies.map((s) => results.get(s) as StrategyResult);
  const wallSeconds = Math.round((performance.now() - wallStart) / 100) / 10;
  // Peak memory: the largest strategy process times the processes running at once, plus this one.
  const parentMB = Math.round(process.resourceUsage().maxRSS / 1024);
  const peakMemoryMB = peakChildMB * Math.min(jobs, strategies.length) + parentMB;
  const report = toReport(workload, seed, ordered, wallSeconds, peakMemoryMB, cal);
  mkdirSync(out, { recursive: true });
  writeFileSync(`${out}/fleet.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${out}/fleet.md`, toMarkdown(report));
  writeFileSync(`${out}/fleet.svg`, toSvg(report, ordered));
  console.log(toMarkdown(report));
  console.log(`wrote ${out}/fleet.json, fleet.md, fleet.svg in ${wallSeconds} s (peak ≈ ${peakMemoryMB} MB)`);
}

// Run only as a script (the vitest file imports FLEET_RUNS).
if (process.argv[1]?.endsWith("fleet.ts")) await main();
