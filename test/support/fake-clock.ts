import { MAX_TIMER_MS } from "../../src/core/clock/timer.ts";
import type { Clock, TimerHandle } from "../../src/core/clock/types.ts";

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

/**
 * A manual clock for tests and the fleet simulation: time moves only when
 * told to, and timers fire in time order (ties in creation order). `skewMs`
 * makes now() report a device clock that is off from the "true" time the
 * mock backend uses (trueNow()).
 */
export interface FakeClock extends Clock {
  /** The simulation's true time (what the backend model sees). */
  trueNow(): number;
  /** Runs every timer due up to trueNow() + ms, letting promises settle between them. */
  advance(ms: number): Promise<void>;
  /**
   * Runs the next due timer (advancing time to it); false when there is none, or when the next one
   * (as it stands once the world has settled) is later than `limit`.
   */
  step(limit?: number): Promise<boolean>;
  /** True time of the next pending timer, or null. */
  nextTimerAt(): number | null;
  pendingTimers(): number;
  setSkew(ms: number): void;
  /**
   * Replaces how the clock waits for the world to settle between timers
   * (default: a few event-loop turns). The harness waits for in-flight model
   * calls too, because those use real async work (WebCrypto).
   */
  setSettle(settle: () => Promise<void>): void;
}

/**
 * Lets pending promise chains run to completion: microtasks, plus a few event
 * loop turns for web Request/Response bodies. No wall-clock waiting happens.
 */
export async function flushMicrotasks(turns = 3): Promise<void> {
  for (let i = 0; i < turns; i++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

const earlier = (a: Timer, b: Timer) => a.at < b.at || (a.at === b.at && a.id < b.id);

/** A binary min-heap of timers; cancelled ones are skipped when they surface (the fleet has thousands). */
class TimerHeap {
  private items: Timer[] = [];
  private cancelled = new Set<number>();
  private live = 0;

  push(timer: Timer): void {
    const items = this.items;
    items.push(timer);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!earlier(items[i] as Timer, items[parent] as Timer)) break;
      [items[i], items[parent]] = [items[parent] as Timer, items[i] as Timer];
      i = parent;
    }
    this.live++;
  }

  cancel(id: number, exists: boolean): void {
    if (!exists) return;
    this.cancelled.add(id);
    this.live--;
  }

  peek(): Timer | undefined {
    this.dropCancelled();
    return this.items[0];
  }

  pop(): Timer | undefined {
    this.dropCancelled();
    const top = this.removeTop();
    if (top) this.live--;
    return top;
  }

  size(): number {
    return this.live;
  }

  private dropCancelled(): void {
    while (this.items.length > 0 && this.cancelled.has((this.items[0] as Timer).id)) {
      this.cancelled.delete((this.items[0] as Timer).id);
      this.removeTop();
    }
  }

  private removeTop(): Timer | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && earlier(items[l] as Timer, items[m] as Timer)) m = l;
        if (r < items.length && earlier(items[r] as Timer, items[m] as Timer)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m] as Timer, items[i] as Timer];
        i = m;
      }
    }
    return top;
  }
}

export function createFakeClock(startMs: number, skewMs = 0): FakeClock {
  let now = startMs;
  let skew = skewMs;
  let nextId = 1;
  const heap = new TimerHeap();
  const pending = new Set<number>();
  let settle: () => Promise<void> = () => flushMicrotasks();

  const runNext = async (limit: number): Promise<boolean> => {
    const timer = heap.peek();
    if (!timer || timer.at > limit) return false;
    heap.pop();
    pending.delete(timer.id);
    now = Math.max(now, timer.at);
    timer.fn();
    await settle();
    return true;
  };

  return {
    now: () => now + skew,
    // True time never jumps: setSkew() models a device clock change, this does not see it.
    monotonic: () => now - startMs,
    trueNow: () => now,
    setTimeout(fn: () => void, ms: number): TimerHandle {
      // Like Node: a delay the platform cannot hold (NaN, negative, past 2^31−1 ms) fires after 1 ms.
      const held = ms >= 0 && ms <= MAX_TIMER_MS ? ms : 1;
      const timer = { id: nextId++, at: now + held, fn };
      heap.push(timer);
      pending.add(timer.id);
      return timer.id;
    },
    clearTimeout(handle: TimerHandle) {
      const id = handle as number;
      heap.cancel(id, pending.delete(id));
    },
    async advance(ms: number) {
      const until = now + ms;
      await settle();
      while (await runNext(until)) {}
      now = until;
      await settle();
    },
    async step(limit = Number.POSITIVE_INFINITY) {
      await settle();
      return runNext(limit);
    },
    nextTimerAt: () => heap.peek()?.at ?? null,
    pendingTimers: () => heap.size(),
    setSkew(ms: number) {
      skew = ms;
    },
    setSettle(next) {
      settle = next;
    },
  };
}
