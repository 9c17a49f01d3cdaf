import type { QueueClient } from "../core/queue/types.ts";

/**
 * This tab's queue client, once wired (src/app/wire-queue.ts), for the booking wiring to tell it
 * that an admission was used. A module of its own, shared by the two lazy chunks: the entry chunk
 * (services.ts) carries nothing for it.
 */
let current: QueueClient | null = null;

export const setTabQueue = (queue: QueueClient): void => {
  current = queue;
};

export const tabQueue = (): QueueClient | null => current;
