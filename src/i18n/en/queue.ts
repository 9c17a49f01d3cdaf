import type { queue as ko } from "../ko/queue.ts";

export const queue = {} satisfies Record<keyof typeof ko, string>;
