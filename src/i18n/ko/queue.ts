/** queue screens (owner: the queue helper). Keys start with "queue.". */
export const queue = {} as const;
