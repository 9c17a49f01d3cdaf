import type { BookingClient } from "../core/booking/types.ts";
import type { QueueClient } from "../core/queue/types.ts";

/**
 * Once the ticket is waiting and the device is online, fetches the public
 * catalog (regions, centers) into the device cache, once: the booking steps
 * then open at once, even offline, and the request happens while the line is
 * calm rather than in the admission window's rush. Not on the home screen's
 * first load (it would cost every visitor). Returns a stop function.
 */
export function prefetchCatalogWhileWaiting(
  queue: Pick<QueueClient, "getView" | "subscribe">,
  booking: () => Promise<Pick<BookingClient, "prefetchCatalog">>,
): () => void {
  let done = false;
  let unsubscribe = () => {};
  const check = () => {
    const view = queue.getView();
    if (done || view.phase !== "waiting" || !view.online) return;
    done = true;
    unsubscribe();
    // Quiet: a failure only means the booking step fetches it later.
    booking().then(
      (client) => client.prefetchCatalog().catch(() => undefined),
      () => undefined,
    );
  };
  unsubscribe = queue.subscribe(check);
  check();
  return () => unsubscribe();
}
