/**
 * The fleet worker (demo panel, "2021 vs Jari, live"): runs a few thousand
 * simulated phones off the page's main thread. One message in, one answer out.
 */
import type { FleetRequest } from "./fleet-run.ts";
import { runFleetDemo } from "./fleet-sim.ts";

addEventListener("message", (event: MessageEvent<FleetRequest>) => {
  (globalThis as unknown as { postMessage(m: unknown): void }).postMessage(runFleetDemo(event.data.seed));
});
