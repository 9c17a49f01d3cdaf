/** A fresh backend's state for a scenario, seed and speed. */
import { type FaultConfig, NO_FAULTS } from "./faults-types.ts";
import { createRandom } from "./random.ts";
import { SCENARIOS, type ScenarioName } from "./scenarios.ts";
import type { ModelState } from "./state.ts";
import { secretFrom } from "./tokens.ts";

export function initialState(
  scenario: ScenarioName,
  seed: number,
  speed: number,
  startedAt: number,
): ModelState {
  const random = createRandom(seed);
  const secret = secretFrom(random.int);
  const plan = SCENARIOS[scenario].faults;
  const { outageSeconds, ...rest } = plan;
  const faults: FaultConfig = {
    ...NO_FAULTS,
    ...rest,
    outage: outageSeconds
      ? { fromMs: startedAt + outageSeconds.from * 1000, toMs: startedAt + outageSeconds.to * 1000 }
      : null,
  };
  return {
    version: 1,
    scenario,
    seed,
    speed,
    startedAt,
    secret,
    rng: random.state(),
    tickets: {},
    queues: {},
    reservations: {},
    reservationCodes: {},
    activeByPerson: {},
    slotBookings: {},
    idempotency: {},
    push: {},
    faults,
    stats: { requests: 0, byRoute: {}, statusCounts: {} },
    load: { second: 0, count: 0, previous: 0 },
  };
}
