import type { Store } from "../core/store/types.ts";
import { openIdbStore } from "./idb-store.ts";

/** An open that has not settled by then (a wedged IndexedDB) counts as unavailable. */
const OPEN_TIMEOUT_MS = 5000;

/**
 * The device's store: IndexedDB when it works, otherwise memory (private
 * mode, storage disabled). The memory store reports `durable: false`, so the
 * screen can say that a reload will lose the place.
 */
export async function openStore(open: () => Promise<Store> = () => openIdbStore()): Promise<Store> {
  try {
    if (typeof indexedDB === "undefined") throw new Error("IndexedDB is not available");
    return await withTimeout(open(), OPEN_TIMEOUT_MS);
  } catch {
    // Rare (private mode, storage disabled): the fallback loads only then, off the first screen.
    return (await import("../core/store/memory-store.ts")).createMemoryStore();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("IndexedDB open timed out")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
