/** One strategy in its own process (bench/fleet.ts runs two at a time on two cores). */
import { runStrategy, type StrategyName } from "./population.ts";
import type { WorkloadConfig } from "./workloads.ts";

interface Job {
  workload: WorkloadConfig;
  strategy: StrategyName;
  seed: number;
  sample?: number;
}

process.once("message", (job: Job) => {
  const result = runStrategy(job.workload, job.strategy, { seed: job.seed, sample: job.sample });
  const rssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  process.send?.({ result, rssMB }, () => process.exit(0));
});
