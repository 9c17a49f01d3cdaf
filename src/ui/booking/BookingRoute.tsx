import { useEffect, useState } from "preact/hooks";
import type { BookingClient } from "../../core/booking/types.ts";
import { useApp } from "../app/context.ts";
import type { ScreenProps } from "../app/screen-props.ts";
import { Screen } from "../components/Screen.tsx";
import { BookingScreen } from "./BookingScreen.tsx";
import { bookingClientFor, startBooking } from "./booking-service.ts";

/** The /booking route: gets the booking client from the shell's services and mounts BookingScreen. */
export function BookingRoute(_props: ScreenProps) {
  const { services, lang, t, navigate } = useApp();
  const [client, setClient] = useState<BookingClient | null>(null);
  const [lastCenterId, setLastCenterId] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    bookingClientFor(services).then(
      (booking) => {
        if (!live) return;
        setClient(booking);
        void startBooking(services, booking);
        services
          .store()
          .then((store) => store.getPreferences())
          .then(
            (prefs) => live && setLastCenterId(prefs.lastCenterId),
            () => undefined,
          );
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [services]);

  return (
    <Screen title={t("booking.title")}>
      {client ? (
        <BookingScreen
          client={client}
          lang={lang}
          t={t}
          lastCenterId={lastCenterId}
          onNewTicket={(eventId) => navigate(eventId ? `/queue/${encodeURIComponent(eventId)}` : "/")}
          onShowReservation={(id) => navigate(`/reservation/${encodeURIComponent(id)}`)}
          onDone={(reservation) =>
            navigate(`/reservation/${encodeURIComponent(reservation.id)}`, { replace: true })
          }
        />
      ) : (
        <p role="status" class="loading">
          {t("booking.loading")}
        </p>
      )}
    </Screen>
  );
}
