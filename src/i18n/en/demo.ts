/** The demo panel (demo builds only): loaded with the panel. Keys start with "demo.". */
export const demo = {} as const;
