import type { Store } from "../../src/core/store/types.ts";

/**
 * A store that rejects every call while `failing()` says so (quota, private mode, a wiped profile,
 * IndexedDB erroring for a while); `onCall` hears each call and whether it failed.
 */
export function failingStore(
  inner: Store,
  failing: () => boolean,
  onCall?: (failed: boolean) => void,
): Store {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const failed = failing();
        onCall?.(failed);
        return failed
          ? Promise.reject(new DOMException("storage failed", "UnknownError"))
          : (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
