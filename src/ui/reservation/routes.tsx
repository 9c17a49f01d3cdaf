import { useEffect, useState } from "preact/hooks";
import type { BookingClient } from "../../core/booking/types.ts";
import { useApp } from "../app/context.ts";
import type { ScreenProps } from "../app/screen-props.ts";
import { bookingClientFor } from "../booking/booking-service.ts";
import { Screen } from "../components/Screen.tsx";
import { ReservationScreen } from "./ReservationScreen.tsx";
import { ReservationsList } from "./ReservationsList.tsx";

function useBookingClient(): BookingClient | null {
  const { services } = useApp();
  const [client, setClient] = useState<BookingClient | null>(null);
  useEffect(() => {
    let live = true;
    bookingClientFor(services).then(
      (c) => live && setClient(c),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [services]);
  return client;
}

/** /reservation/:id */
export function ReservationRoute({ params }: ScreenProps) {
  const { lang, t, navigate } = useApp();
  const client = useBookingClient();
  const id = params.id ?? "";
  return (
    <Screen title={t("booking.reservation.screenTitle")}>
      {client && (
        <ReservationScreen
          client={client}
          lang={lang}
          t={t}
          reservationId={id}
          onShowList={() => navigate("/reservations")}
        />
      )}
    </Screen>
  );
}

/** /reservations: the reservations kept on this device. */
export function ReservationsRoute(_props: ScreenProps) {
  const { lang, t, navigate } = useApp();
  const client = useBookingClient();
  return (
    <Screen title={t("booking.reservation.list")}>
      {client && (
        <ReservationsList
          client={client}
          lang={lang}
          t={t}
          onOpen={(id) => navigate(`/reservation/${encodeURIComponent(id)}`)}
        />
      )}
    </Screen>
  );
}
