// Split off the entry chunk: loaded the first time a screen needs booking or reservations.
import { createBookingClient } from "../core/booking/client.ts";
import type { BookingClient } from "../core/booking/types.ts";
import { forgetUsedTicket } from "../core/store/admission.ts";
import type { KeptAdmission, Store } from "../core/store/types.ts";
import { newId, random } from "./ids.ts";
import { tabQueue } from "./queue-link.ts";
import type { CoreDeps } from "./services.ts";

/** The booking client, fed the device's connectivity, and telling the queue when an admission is used. */
export async function wireBooking(deps: CoreDeps): Promise<BookingClient> {
  const store = await deps.store();
  const booking = createBookingClient({
    api: deps.api,
    store,
    clock: deps.clock,
    serverClock: deps.serverClock,
    random,
    newId,
    onAdmissionUsed: (eventId, admission) =>
      void admissionUsed(store, eventId, admission).catch(() => undefined),
  });
  booking.setOnline(navigator.onLine);
  addEventListener("online", () => booking.setOnline(true));
  addEventListener("offline", () => booking.setOnline(false));
  return booking;
}

/**
 * A reservation was made under this admission: the ticket's tokens go. This tab's queue client
 * forgets them in memory and on the device (and, as a follower, makes the polling tab re-read).
 * Without one (main.tsx wires it in every tab holding a ticket, so rarely), the stored ticket is
 * rewritten here; a poller elsewhere keeps them in memory only until the admission ends.
 */
async function admissionUsed(store: Store, eventId: string, admission: KeptAdmission): Promise<void> {
  const queue = tabQueue();
  if (queue) return queue.admissionUsed(eventId, admission);
  await forgetUsedTicket(store, eventId, admission);
}
