/**
 * Taking a place to another browser or phone ("continue elsewhere") and leaving an in-app browser:
 * loaded with those screens only. Keys start with "handoff.".
 */
export const handoff = {} as const;
