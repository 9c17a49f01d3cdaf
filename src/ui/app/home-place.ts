import type { PositionEstimate, QueueView } from "../../core/queue/types.ts";

/** What the home screen's card for a place in line shows; times in server ms. */
export interface HomePlace {
  eventId: string;
  /** The waiting room's data-state for this place. */
  state: "joining" | "prequeue" | "waiting" | "admitted";
  number: number | null;
  /** People ahead now, projected between polls (the waiting room's own projection). */
  ahead: number | null;
  eta: PositionEstimate["eta"];
  /** When the line opens (prequeue). */
  opensAt: number | null;
  /** Time left on the admission; null unless admitted with a known window. */
  admissionLeftMs: number | null;
  /** Where the card leads: the waiting room, or the booking once admitted. */
  href: string;
}

const live = new Set<string>(["joining", "prequeue", "waiting", "admitted"]);

/**
 * The home card for the place the device holds, from the queue client's view
 * and its projection at `now` (server time): null when there is none (no
 * ticket, or it has ended: the waiting room says how).
 */
export function homePlace(view: QueueView, estimate: PositionEstimate, now: number): HomePlace | null {
  if (view.eventId === null || !live.has(view.phase)) return null;
  const state = view.phase as HomePlace["state"];
  const expiresAt = view.admission ? Date.parse(view.admission.expiresAt) : Number.NaN;
  return {
    eventId: view.eventId,
    state,
    number: view.number,
    ahead: state === "waiting" ? (estimate.ahead ?? view.ahead) : null,
    eta: state === "waiting" ? estimate.eta : null,
    opensAt: state === "prequeue" ? view.opensAt : null,
    admissionLeftMs: state === "admitted" && !Number.isNaN(expiresAt) ? Math.max(0, expiresAt - now) : null,
    href: state === "admitted" ? "/booking" : `/queue/${encodeURIComponent(view.eventId)}`,
  };
}
