import type { Services } from "../../app/services.ts";
import { createBookingClient } from "../../core/booking/client.ts";
import type { BookingClient } from "../../core/booking/types.ts";

type WithBooking = Services & { booking?: () => Promise<BookingClient> };

const clients = new WeakMap<Services, Promise<BookingClient>>();

/**
 * The one booking client of this tab. Uses `services.booking()` when the
 * composition root provides it; otherwise builds it here from the shared
 * api, store and clocks (this module lives in the lazily loaded booking chunk).
 */
export function bookingClientFor(services: Services): Promise<BookingClient> {
  const provided = (services as WithBooking).booking;
  if (provided) return provided();
  let client = clients.get(services);
  if (!client) {
    client = services.store().then((store) => {
      const booking = createBookingClient({
        api: services.api,
        store,
        clock: services.clock,
        serverClock: services.serverClock,
        random: Math.random,
        newId: () => crypto.randomUUID(),
      });
      booking.setOnline(navigator.onLine);
      addEventListener("online", () => booking.setOnline(true));
      addEventListener("offline", () => booking.setOnline(false));
      return booking;
    });
    clients.set(services, client);
  }
  return client;
}

/**
 * Starts (or resumes) booking under the admission the device holds: the
 * active ticket's admission when there is one, else whatever draft was saved.
 */
export async function startBooking(services: Services, client: BookingClient): Promise<void> {
  const store = await services.store();
  const ticket = await store.getActiveTicket().catch(() => null);
  if (ticket?.admission) return client.start(ticket.admission, ticket.eventId);
  return client.resume();
}
