import { useEffect } from "preact/hooks";
import type { BookingClient } from "../../core/booking/types.ts";
import { formatDate } from "../../i18n/format-time.ts";
import type { LangProps } from "../booking/i18n.ts";
import { useBookingView } from "../booking/use-booking-view.ts";
import "../booking/booking.css";

export type ReservationsListProps = LangProps & {
  client: BookingClient;
  onOpen: (id: string) => void;
};

/** Every reservation kept on this device (works offline); each opens its own screen. */
export function ReservationsList({ client, lang, t, onOpen }: ReservationsListProps) {
  const view = useBookingView(client);
  useEffect(() => {
    void client.loadReservations();
  }, [client]);
  if (view.reservations.length === 0) return <p>{t("booking.reservation.listEmpty")}</p>;
  return (
    <ul class="reservation-list" data-testid="reservation-list">
      {view.reservations.map((r) => (
        <li key={r.id} data-reservation-id={r.id} data-status={r.status}>
          <p class="res-list-code">
            <strong>{r.code}</strong> · {t(`booking.reservation.status.${r.status}`)}
          </p>
          <p>
            {r.center.name[lang]} · {formatDate(lang, r.firstDose.date)} {r.firstDose.time}
          </p>
          <button type="button" class="btn btn-secondary" onClick={() => onOpen(r.id)}>
            {t("booking.reservation.open")}
          </button>
        </li>
      ))}
    </ul>
  );
}
