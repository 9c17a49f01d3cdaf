import type { BookingClient, BookingView } from "../../core/booking/types.ts";
import type { Translate } from "./i18n.ts";

type IneligibleProps = {
  client: BookingClient;
  view: BookingView;
  t: Translate;
  onShowReservation: (id: string) => void;
};

/** The server said no: why, and what to do next. */
export function IneligibleStep({ client, view, t, onShowReservation }: IneligibleProps) {
  const reason = view.ineligibleReason;
  const existing = view.existingReservation;
  return (
    <div class="ineligible-step">
      <p>
        {reason === "not_in_cohort"
          ? t("booking.ineligible.not_in_cohort")
          : reason === "already_reserved"
            ? t("booking.ineligible.already_reserved")
            : t("booking.ineligible.not_eligible")}
      </p>
      {reason === "already_reserved" &&
        (existing ? (
          <button type="button" class="btn btn-primary wide" onClick={() => onShowReservation(existing.id)}>
            {t("booking.ineligible.showExisting")}
          </button>
        ) : (
          <p>{t("booking.ineligible.already_reserved_unknown")}</p>
        ))}
      <button type="button" class="btn btn-secondary wide" onClick={() => client.goTo("identity")}>
        {t("booking.ineligible.fix")}
      </button>
    </div>
  );
}

type ExpiredProps = { view: BookingView; t: Translate; onNewTicket: (eventId: string | null) => void };

/** The admission window has passed: explain, keep the choices, offer a new ticket (never take one unasked). */
export function ExpiredStep({ view, t, onNewTicket }: ExpiredProps) {
  return (
    <div class="expired-step">
      <p>{t("booking.expired.body")}</p>
      <button type="button" class="btn btn-primary wide" onClick={() => onNewTicket(view.eventId)}>
        {t("booking.expired.newTicket")}
      </button>
    </div>
  );
}
