import type { Services } from "./services.ts";

type StoreAccess = Pick<Services, "store">;

/** The birth year remembered on this device (Preferences.birthYear), or null; storage trouble counts as none. */
export async function recallBirthYear(services: StoreAccess): Promise<number | null> {
  try {
    return (await (await services.store()).getPreferences()).birthYear;
  } catch {
    return null;
  }
}

/**
 * Remembers the birth year for next time (prefill and the join check). Only the
 * year: it is not personal enough to need deleting, and it saves a wrong line.
 * Failure is ignored: the year still works for this visit.
 */
export async function rememberBirthYear(services: StoreAccess, birthYear: number): Promise<void> {
  try {
    const store = await services.store();
    const prefs = await store.getPreferences();
    if (prefs.birthYear !== birthYear) await store.putPreferences({ ...prefs, birthYear });
  } catch {
    // Private mode or a full disk: nothing to remember it in.
  }
}
