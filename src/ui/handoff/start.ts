import type { BootOptions } from "./boot.ts";

/** Loads the handoff code (./boot.ts) on demand: main.tsx calls this, so the entry carries only this line. */
export const startHandoff = (options: BootOptions): Promise<void> =>
  import("./boot.ts").then((m) => m.boot(options));
