/** The part of StorageManager this needs; absent in old browsers and some webviews. */
export interface PersistNavigator {
  storage?: { persist?: () => Promise<boolean> };
}

/**
 * Asks the browser, once per page, to keep this site's storage from eviction
 * (the ticket in IndexedDB must outlive a phone short on space). Call it from
 * the tap that joins a line: some browsers grant or prompt only on a user
 * gesture. Refusals and missing support are ignored: the app works either way.
 */
export function createPersistRequest(nav: () => PersistNavigator | undefined): () => void {
  let asked = false;
  return () => {
    if (asked) return;
    asked = true;
    try {
      nav()
        ?.storage?.persist?.()
        .catch(() => false);
    } catch {
      // A throwing implementation is no reason to stop the join.
    }
  };
}
