import { createPersistRequest } from "../platform/persist-storage.ts";
import type { Services } from "./services.ts";

const askPersistence = createPersistRequest(() => (typeof navigator === "undefined" ? undefined : navigator));

/**
 * The join tap: asks for durable storage (in the gesture, before anything is
 * awaited), then takes the ticket through the queue client. The waiting room
 * shows the join's progress and errors from the queue client's view.
 */
export function joinLine(services: Pick<Services, "queue">, eventId: string, persist = askPersistence): void {
  persist();
  services.queue().then(
    (queue) => queue.join(eventId),
    () => undefined,
  );
}
