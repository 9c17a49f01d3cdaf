import type { BookingDraft, Store, TicketRecord } from "../core/store/types.ts";
import type { Router } from "./router.ts";

/**
 * The web manifest's start_url (vite.config.ts): what the installed app opens.
 * A plain "/" is the home screen someone navigated to, and stays the home screen.
 */
export const START_URL = "/?source=pwa";

type Place = Pick<TicketRecord, "eventId" | "ended" | "admission">;
type Draft = Pick<BookingDraft, "eventId" | "admission" | "completedReservationId">;

/**
 * Where the app opens at its start URL, decided from what the device holds:
 * a place in line opens the waiting room (an admission shows there with its
 * countdown), a booking in progress under that admission opens the booking.
 * null: stay where the user asked to be (any other URL, a fragment to import,
 * no place, or a booking already completed under the admission).
 */
export function startRoute(url: URL, ticket: Place | null, draft: Draft | null): string | null {
  if (url.pathname !== "/" || url.searchParams.get("source") !== "pwa" || url.hash !== "") return null;
  if (!ticket || ticket.ended !== null) return null;
  // The same admission: its window ends at the same moment (tokens may already be gone from the device).
  const expiresAt = ticket.admission?.expiresAt;
  if (expiresAt && draft?.eventId === ticket.eventId && draft.admission.expiresAt === expiresAt)
    return draft.completedReservationId ? null : "/booking";
  return `/queue/${encodeURIComponent(ticket.eventId)}`;
}

/**
 * At startup, with a place held: goes where startRoute() says, unless the user has moved on
 * meanwhile. The start URL becomes "/", so Back from there leads to the home screen.
 */
export async function openAtStart(
  store: Pick<Store, "getDraft">,
  ticket: TicketRecord,
  router: Pick<Router<string>, "current" | "navigate">,
): Promise<void> {
  const draft = ticket.admission ? await store.getDraft() : null;
  const to = startRoute(new URL(location.href), ticket, draft);
  if (!to || router.current().id !== "home") return;
  history.replaceState(null, "", "/");
  router.navigate(to);
}
