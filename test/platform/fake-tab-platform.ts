type Grant = () => Promise<unknown>;

/** Exclusive Web Locks for one origin: one holder per name, others wait in order. */
export class FakeLocks {
  private held = new Set<string>();
  private waiting = new Map<string, Grant[]>();

  request(
    name: string,
    options: { signal?: AbortSignal; ifAvailable?: boolean },
    callback: (lock: unknown) => unknown,
  ): Promise<unknown> {
    // ifAvailable: answer at once with no lock instead of waiting in line.
    if (options.ifAvailable && this.held.has(name)) return Promise.resolve().then(() => callback(null));
    return new Promise((resolve, reject) => {
      const grant: Grant = async () => {
        this.held.add(name);
        try {
          resolve(await callback({ name, mode: "exclusive" }));
        } catch (error) {
          reject(error);
        } finally {
          this.held.delete(name);
          this.waiting.get(name)?.shift()?.();
        }
      };
      options.signal?.addEventListener("abort", () => {
        const queue = this.waiting.get(name) ?? [];
        const index = queue.indexOf(grant);
        if (index >= 0) {
          queue.splice(index, 1);
          reject(new DOMException("aborted", "AbortError"));
        }
      });
      if (this.held.has(name)) {
        const queue = this.waiting.get(name) ?? [];
        queue.push(grant);
        this.waiting.set(name, queue);
      } else {
        void grant();
      }
    });
  }
}

/**
 * BroadcastChannels of one origin in memory: a message reaches every other
 * open channel of the same name (never the sender), a microtask later, as a
 * structured clone, like the real thing but without waiting on the event loop.
 */
export function createChannelHub(): (name: string) => BroadcastChannel {
  const open = new Set<FakeChannel>();
  class FakeChannel {
    onmessage: ((event: MessageEvent) => void) | null = null;
    constructor(readonly name: string) {
      open.add(this);
    }
    postMessage(data: unknown): void {
      for (const other of open) {
        if (other === this || other.name !== this.name) continue;
        const copy = structuredClone(data);
        queueMicrotask(() => other.onmessage?.({ data: copy } as MessageEvent));
      }
    }
    close(): void {
      open.delete(this);
    }
  }
  return (name) => new FakeChannel(name) as unknown as BroadcastChannel;
}
