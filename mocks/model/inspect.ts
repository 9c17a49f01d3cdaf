/** Counts for tests and the fleet simulation. */
import type { ModelState } from "./state.ts";

export function inspectState(state: ModelState): {
  tickets: number;
  ticketsByEvent: Record<string, number>;
  reservations: number;
  activeReservations: number;
} {
  const ticketsByEvent: Record<string, number> = {};
  for (const ticket of Object.values(state.tickets)) {
    ticketsByEvent[ticket.eventId] = (ticketsByEvent[ticket.eventId] ?? 0) + 1;
  }
  const reservations = Object.values(state.reservations);
  return {
    tickets: Object.keys(state.tickets).length,
    ticketsByEvent,
    reservations: reservations.length,
    activeReservations: reservations.filter((r) => r.status === "confirmed").length,
  };
}
