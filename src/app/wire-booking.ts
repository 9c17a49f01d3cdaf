// Split off the entry chunk: loaded the first time a screen needs booking or reservations.
import { createBookingClient } from "../core/booking/client.ts";
import type { BookingClient } from "../core/booking/types.ts";
import { newId, random } from "./ids.ts";
import type { CoreDeps } from "./services.ts";

/** The booking client, fed the device's connectivity. */
export async function wireBooking(deps: CoreDeps): Promise<BookingClient> {
  const store = await deps.store();
  const booking = createBookingClient({
    api: deps.api,
    store,
    clock: deps.clock,
    serverClock: deps.serverClock,
    random,
    newId,
  });
  booking.setOnline(navigator.onLine);
  addEventListener("online", () => booking.setOnline(true));
  addEventListener("offline", () => booking.setOnline(false));
  return booking;
}
