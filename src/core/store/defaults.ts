import type { Preferences } from "./types.ts";

/** Preferences before the user chose anything. Apart from the stores, so the first screen need not load the memory store. */
export const DEFAULT_PREFERENCES: Preferences = {
  birthYear: null,
  lastRegionCode: null,
  lastCenterId: null,
  lang: null,
  notify: false,
  sound: false,
};
