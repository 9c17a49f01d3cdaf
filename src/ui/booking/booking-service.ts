import type { Services } from "../../app/services.ts";
import type { BookingClient } from "../../core/booking/types.ts";

/** The one booking client of this tab (wired by the composition root, src/app/wire-booking.ts). */
export function bookingClientFor(services: Services): Promise<BookingClient> {
  return services.booking();
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
