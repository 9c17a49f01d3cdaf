import { AsyncLocalStorage } from "node:async_hooks";
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
  // A held read (Prefer: wait) waits on the fake clock; while it does, the clock must be free to move,
  // so settling waits for every call except those holding. Each call runs in its own async context
  // so that the model's wait() can tell which call it is.
  const context = new AsyncLocalStorage<Promise<unknown>>();
  const holding = new Set<Promise<unknown>>();
  let heldChanged: () => void = () => {};
  let nextHold = new Promise<void>((resolve) => {
    heldChanged = resolve;
  });
  const backend = createBackend({
    scenario: options.scenario,
    seed: options.seed,
    now: clock.trueNow,
    speed: options.speed,
    wait: async (ms) => {
      const call = context.getStore();
      if (call) holding.add(call);
      heldChanged();
      nextHold = new Promise<void>((resolve) => {
        heldChanged = resolve;
      });
      try {
        await sleep(clock, ms);
      } finally {
        if (call) holding.delete(call);
      }
    },
  });
  const pending = new Set<Promise<unknown>>();
  const tracked: Backend = Object.create(backend);
  tracked.handle = (req) => {
    let call: Promise<Awaited<ReturnType<Backend["handle"]>>> | null = null;
    const started = new Promise<void>((resolve) => queueMicrotask(resolve));
    call = started.then(() => context.run(call as Promise<unknown>, () => backend.handle(req)));
    pending.add(call);
    call.finally(() => pending.delete(call as Promise<unknown>)).catch(() => {});
    return call;
  };
  const busy = () => [...pending].filter((call) => !holding.has(call));
  clock.setSettle(async () => {
    do {
      await Promise.race([Promise.allSettled(busy()), nextHold]);
      await flushMicrotasks(options.flushTurns);
    } while (busy().length > 0);
  });
  const modelFetch = createModelFetch(tracked, {
    sleep: (ms, signal) => sleep(clock, ms, signal ?? undefined),
  });
  return { backend, modelFetch };
}
