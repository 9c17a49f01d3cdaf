/**
 * The chaos property shared by the unit test and `npm run test:chaos`: a
 * schedule passes when running it breaks none of the invariants. A failure
 * is shrunk by fast-check and printed as a command that replays it.
 */
import fc from "fast-check";
import { type Schedule, scheduleArb } from "./schedule.ts";
import { runSchedule, unhandled } from "./world.ts";

/** A violation without its numbers, so one defect found a hundred times counts once. */
export const violationClass = (violation: string): string =>
  violation
    .replace(/"[^"]*"/g, '"…"')
    .replace(/t_[a-z0-9]+/g, "t_…")
    .replace(/-?\d+(\.\d+)?/g, "N");

/** Fails (throws) when the schedule breaks an invariant; `only` narrows to one class of violation. */
export async function check(schedule: Schedule, only?: string): Promise<void> {
  const { violations } = await runSchedule(schedule);
  const relevant = only === undefined ? violations : violations.filter((v) => violationClass(v) === only);
  if (relevant.length > 0) throw new Error(relevant.join("\n"));
}

export const chaosProperty = (only?: string) =>
  fc.asyncProperty(scheduleArb, (schedule) => check(schedule, only));

export const replayCommand = (seed: number, path: string): string =>
  `npm run test:chaos -- --seed=${seed} --path=${path}`;

/** Collects unhandled rejections for the schedule that is running; returns the uninstaller. */
export function watchUnhandled(): () => void {
  const listener = (reason: unknown) => {
    unhandled.push(reason);
  };
  process.on("unhandledRejection", listener);
  return () => process.off("unhandledRejection", listener);
}

/** One line per failing run: the invariant, the shrunk schedule, and how to replay it. */
export function describeFailure(details: fc.RunDetails<[Schedule]>): string {
  const schedule = details.counterexample?.[0];
  const error =
    details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  return [
    `violation: ${error}`,
    `schedule: ${JSON.stringify(schedule)}`,
    `replay: ${replayCommand(details.seed, details.counterexamplePath ?? "")}`,
  ].join("\n");
}
