import { createModelFetch } from "../../mocks/fetch.ts";
import { type Backend, createBackend, type ScenarioName } from "../../mocks/model/index.ts";
import { sleep } from "../../src/core/net/sleep.ts";
import { type FakeClock, flushMicrotasks } from "./fake-clock.ts";

const noop = () => {};

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
  // A held read (Prefer: wait) waits on the fake clock; while it does, the clock must be free to move,
  // so settling waits until every call in flight is either finished or holding. Counting the holds is
  // enough (no need to know which call holds), and keeps async context tracking (AsyncLocalStorage turns
  // on a hook for every promise, the harness's main cost) out of the run.
  let holds = 0;
  let holdStarted: () => void = () => {};
  let nextHold = new Promise<void>((resolve) => {
    holdStarted = resolve;
  });
  const backend = createBackend({
    scenario: options.scenario,
    seed: options.seed,
    now: clock.trueNow,
    speed: options.speed,
    wait: async (ms) => {
      holds++;
      holdStarted();
      nextHold = new Promise<void>((resolve) => {
        holdStarted = resolve;
      });
      try {
        await sleep(clock, ms);
      } finally {
        holds--;
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
  const busy = () => pending.size > holds;
  clock.setSettle(async () => {
    do {
      if (busy()) await Promise.race([...pending, nextHold].map((p) => p.then(noop, noop)));
      await flushMicrotasks(options.flushTurns);
    } while (busy());
  });
  const modelFetch = createModelFetch(tracked, {
    sleep: (ms, signal) => sleep(clock, ms, signal ?? undefined),
  });
  return { backend, modelFetch };
}
