import { createModelFetch } from "../../mocks/fetch.ts";
import { type Backend, createBackend, type ScenarioName } from "../../mocks/model/index.ts";
import { sleep } from "../../src/core/net/sleep.ts";
import { type FakeClock, flushMicrotasks } from "./fake-clock.ts";

export interface ModelOnFakeClock {
  backend: Backend;
  /** A fetch answered by the model, its latency slept on the fake clock. */
  modelFetch: ReturnType<typeof createModelFetch>;
}

/**
 * The mock model on a fake clock, shared by the integration harness and the
 * fleet simulation. The model does real async work (WebCrypto HMAC), so fake
 * time may only move on once every call it is handling has finished: the
 * clock's settle step waits for them.
 */
export function createModelOnFakeClock(
  clock: FakeClock,
  options: { scenario: ScenarioName; seed: number; speed: number; flushTurns?: number },
): ModelOnFakeClock {
  // A held read (Prefer: wait) waits on the fake clock; while it does, the clock must be free to move.
  let holding = 0;
  const backend = createBackend({
    scenario: options.scenario,
    seed: options.seed,
    now: clock.trueNow,
    speed: options.speed,
    wait: async (ms) => {
      holding++;
      try {
        await sleep(clock, ms);
      } finally {
        holding--;
      }
    },
  });
  const pending = new Set<Promise<unknown>>();
  const tracked: Backend = Object.create(backend);
  tracked.handle = (req) => {
    const call = backend.handle(req);
    pending.add(call);
    call.finally(() => pending.delete(call)).catch(() => {});
    return call;
  };
  clock.setSettle(async () => {
    do {
      // Held calls wait for the clock itself: settle once every other call has finished.
      if (holding === 0) await Promise.allSettled([...pending]);
      await flushMicrotasks(options.flushTurns);
    } while (pending.size > holding);
  });
  const modelFetch = createModelFetch(tracked, {
    sleep: (ms, signal) => sleep(clock, ms, signal ?? undefined),
  });
  return { backend, modelFetch };
}
