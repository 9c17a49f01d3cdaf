/** Request-rate accounting per model-clock second, for the capacity limit and load-aware poll hints. */
import type { FaultConfig } from "./faults-types.ts";
import type { ModelState } from "./state.ts";

/** Counts this request; returns how many requests the current second has seen so far. */
export function countRequest(state: ModelState, now: number): number {
  const second = Math.floor(now / 1000);
  const load = state.load;
  if (second === load.second) load.count += 1;
  else {
    load.previous = second === load.second + 1 ? load.count : 0;
    load.second = second;
    load.count = 1;
  }
  return load.count;
}

/**
 * Recent load over capacity: 0 idle, 1 at capacity. A scenario's simulated
 * background overload (overloadRate) counts too, so hints stretch even when
 * the only real client is one phone.
 */
export function loadFactor(state: ModelState, config: FaultConfig): number {
  const measured =
    config.capacityPerSecond && config.capacityPerSecond > 0
      ? Math.max(state.load.previous, state.load.count) / config.capacityPerSecond
      : 0;
  const simulated = config.overloadRate > 0 ? 0.5 + config.overloadRate * 1.5 : 0;
  return Math.max(measured, simulated);
}
