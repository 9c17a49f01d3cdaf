/**
 * `npm run test:chaos`: many fault schedules over the whole flow.
 *
 *   --runs=N   schedules to run (default 10 000), split over two child processes
 *   --seed=S   the fast-check seed (default: from the time)
 *   --path=P   with --seed: replay one shrunk schedule exactly and print what broke
 *
 * Every schedule is run; each distinct kind of violation is then shrunk by
 * fast-check and printed with a replay command. Ends with exactly
 * `chaos: <N> schedules, <V> violations` (V = schedules that broke an
 * invariant) and exits non-zero when V > 0.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { chaosProperty, describeFailure, replayCommand, violationClass, watchUnhandled } from "./property.ts";
import { scheduleArb } from "./schedule.ts";
import { runSchedule } from "./world.ts";

const WORKERS = 2;
/** At most this many distinct violations are shrunk (each shrink runs many schedules). */
const MAX_SHRINKS = 20;
/** Time each shrink may take. */
const SHRINK_MS = 8_000;

function arg(name: string): string | undefined {
  const prefix = `--${name}=`;
  const i = process.argv.findIndex((a) => a === `--${name}` || a.startsWith(prefix));
  if (i < 0) return undefined;
  const a = process.argv[i] as string;
  return a.startsWith(prefix) ? a.slice(prefix.length) : process.argv[i + 1];
}

interface WorkerReport {
  runs: number;
  failing: number;
  /** violation class → one example, the number of schedules showing it, and where the first one was. */
  classes: Record<string, Found>;
}

interface Found {
  example: string;
  count: number;
  seed: number;
  /** Index of the first schedule showing it: with `seed`, fast-check's replay path. */
  index: number;
}

/** In a child: run `runs` schedules sampled with `seed` and report. */
async function work(seed: number, runs: number): Promise<WorkerReport> {
  const stop = watchUnhandled();
  const report: WorkerReport = { runs: 0, failing: 0, classes: {} };
  for (const [index, schedule] of fc.sample(scheduleArb, { seed, numRuns: runs }).entries()) {
    const { violations } = await runSchedule(schedule);
    report.runs++;
    if (violations.length > 0) report.failing++;
    for (const v of violations) {
      const key = violationClass(v);
      const entry = report.classes[key] ?? { example: v, count: 0, seed, index };
      entry.count++;
      report.classes[key] = entry;
    }
  }
  stop();
  return report;
}

function spawn(seed: number, runs: number): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [`--worker-seed=${seed}`, `--worker-runs=${runs}`], {
      stdio: ["inherit", "inherit", "inherit", "ipc"],
    });
    child.on("message", (message) => resolve(message as WorkerReport));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) reject(new Error(`chaos worker exited with ${code}`));
    });
  });
}

async function replay(seed: number, path: string): Promise<number> {
  const stop = watchUnhandled();
  const details = await fc.check(chaosProperty(), { seed, path, numRuns: 1, endOnFailure: true });
  stop();
  const schedule = details.counterexample?.[0];
  if (schedule) for (const line of (await runSchedule(schedule)).log) console.log(line);
  if (details.failed) {
    console.log(describeFailure(details));
    console.log("chaos: 1 schedules, 1 violations");
    return 1;
  }
  console.log("chaos: 1 schedules, 0 violations");
  return 0;
}

async function main(): Promise<number> {
  const workerSeed = arg("worker-seed");
  if (workerSeed !== undefined) {
    const report = await work(Number(workerSeed), Number(arg("worker-runs")));
    process.send?.(report, () => process.disconnect());
    return 0;
  }
  const seed = Number(arg("seed") ?? Date.now() % 2_147_483_647);
  const path = arg("path");
  if (path !== undefined) return replay(seed, path);

  const runs = Number(arg("runs") ?? 10_000);
  const started = Date.now();
  const share = Math.ceil(runs / WORKERS);
  const reports = await Promise.all(
    Array.from({ length: WORKERS }, (_, i) => spawn(seed + i, Math.min(share, runs - i * share))),
  );
  const total = reports.reduce((n, r) => n + r.runs, 0);
  const failing = reports.reduce((n, r) => n + r.failing, 0);
  const classes = new Map<string, Found>();
  for (const r of reports)
    for (const [k, v] of Object.entries(r.classes)) {
      const seen = classes.get(k);
      classes.set(k, seen ? { ...seen, count: seen.count + v.count } : v);
    }
  console.log(`ran ${total} schedules in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${seed})`);
  const sorted = [...classes.entries()].sort((a, b) => b[1].count - a[1].count);
  for (const [k, v] of sorted) console.log(`  ${v.count} × ${k}\n      e.g. ${v.example}`);

  // Shrink each distinct violation, from the first schedule that showed it, to a small one that still does.
  const stop = watchUnhandled();
  for (const [k, found] of sorted.slice(0, MAX_SHRINKS)) {
    const details = await fc.check(chaosProperty(k), {
      seed: found.seed,
      path: String(found.index),
      // Shrinking stops here with the smallest schedule found so far (keeps 10 000 runs under 10 minutes).
      interruptAfterTimeLimit: SHRINK_MS,
    });
    if (!details.failed) {
      console.log(
        `\n[${k}] did not happen again on replay: ${replayCommand(found.seed, String(found.index))}`,
      );
      continue;
    }
    console.log(`\n[${k}]\n${describeFailure(details)}`);
  }
  stop();
  console.log(`chaos: ${total} schedules, ${failing} violations`);
  return failing > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 2;
  },
);
