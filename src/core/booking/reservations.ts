import type { Reservation } from "../contract/types.ts";
import { type BookingSession, notice } from "./session.ts";

export interface ReservationsPart {
  loadReservations(): Promise<void>;
  openReservation(id: string): Promise<void>;
  refreshReservation(id: string): Promise<void>;
  cancelReservation(id: string): Promise<void>;
}

/**
 * The reservations kept on the device: shown from the store first (offline,
 * after a reload), refreshed and cancelled with the reservation's own token.
 */
export function createReservationsPart(s: BookingSession): ReservationsPart {
  const { api, store } = s.deps;

  async function keep(reservation: Reservation): Promise<void> {
    await store.putReservation(reservation).catch(() => s.update({ notice: notice("storage_unavailable") }));
    const shown = s.view.reservation;
    s.update({
      reservations: await s.storedReservations(),
      reservation: shown === null || shown.id === reservation.id ? reservation : shown,
    });
  }

  const known = (id: string) => {
    const found = s.view.reservations.find((r) => r.id === id) ?? s.view.reservation;
    return found?.id === id ? found : null;
  };

  async function refreshReservation(id: string): Promise<void> {
    const reservation = known(id);
    if (!reservation) return;
    if (!s.view.online) {
      s.update({ notice: notice("offline") });
      return;
    }
    s.update({ busy: "reservation" });
    try {
      const reply = await s.call(`reservation:${id}`, (signal) =>
        api.getReservation(id, reservation.accessToken, { signal }),
      );
      s.update({ busy: null, notice: null });
      await keep(reply.body.reservation);
    } catch (error) {
      s.fail(error);
    }
  }

  return {
    async loadReservations() {
      s.update({ reservations: await s.storedReservations() });
    },

    async openReservation(id) {
      const reservations = await s.storedReservations();
      const found = reservations.find((r) => r.id === id) ?? null;
      s.update({ reservations, reservation: found, notice: found ? null : notice("not_found") });
      if (found) return refreshReservation(id);
    },

    refreshReservation,

    async cancelReservation(id) {
      const reservation = known(id);
      if (!reservation || s.view.busy === "cancel") return;
      s.update({ busy: "cancel", notice: null });
      try {
        // DELETE is idempotent: retrying after a lost answer is safe.
        const reply = await s.call(`reservation:${id}`, (signal) =>
          api.cancelReservation(id, reservation.accessToken, { signal }),
        );
        s.update({ busy: null });
        await keep(reply.body.reservation);
      } catch (error) {
        s.fail(error);
      }
    },
  };
}
