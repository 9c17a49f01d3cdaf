import { createPersistRequest } from "../platform/persist-storage.ts";
import type { Services } from "./services.ts";

/** Asks once per page for storage the browser will not evict; call it inside a join tap. */
export const askDurableStorage = createPersistRequest(() =>
  typeof navigator === "undefined" ? undefined : navigator,
);

/**
 * The join tap: asks for durable storage (in the gesture, before anything is
 * awaited), then takes the ticket through the queue client. The waiting room
 * shows the join's progress and errors from the queue client's view.
 */
export function joinLine(
  services: Pick<Services, "queue">,
  eventId: string,
  persist = askDurableStorage,
): void {
  persist();
  services.queue().then(
    (queue) => queue.join(eventId),
    () => undefined,
  );
}
