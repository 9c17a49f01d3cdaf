import { useEffect, useState } from "preact/hooks";
import { reservationToIcs } from "../../core/booking/ics.ts";
import type { BookingClient } from "../../core/booking/types.ts";
import type { Dose, Reservation } from "../../core/contract/types.ts";
import type { Lang } from "../../i18n/core.ts";
import { formatDate } from "../../i18n/format-time.ts";
import { BookingNotice } from "../booking/BookingNotice.tsx";
import type { LangProps, Translate } from "../booking/i18n.ts";
import { useBookingView } from "../booking/use-booking-view.ts";
import { QrCode } from "./QrCode.tsx";
import { downloadFile, shareText } from "./share.ts";
import "../booking/booking.css";

export type ReservationScreenProps = LangProps & {
  client: BookingClient;
  reservationId: string;
  /** Back to the list of reservations on this device. */
  onShowList?: () => void;
};

const doseText = (lang: Lang, dose: Dose) => `${formatDate(lang, dose.date)} ${dose.time}`;

/**
 * One reservation: the code large for reading aloud, its QR code, the center
 * and both doses (Asia/Seoul), calendar, share and cancel. Shown from the
 * device first (offline, after reload), then refreshed from the server.
 */
export function ReservationScreen({ client, lang, t, reservationId, onShowList }: ReservationScreenProps) {
  const view = useBookingView(client);
  const [asking, setAsking] = useState(false);
  const [shared, setShared] = useState<string | null>(null);

  useEffect(() => {
    void client.openReservation(reservationId);
  }, [client, reservationId]);

  const reservation =
    view.reservation?.id === reservationId
      ? view.reservation
      : (view.reservations.find((r) => r.id === reservationId) ?? null);

  return (
    <div class="reservation-screen">
      {view.notice && (
        <BookingNotice
          notice={view.notice}
          t={t}
          serverNow={client.serverNow()}
          onRetry={reservation ? () => void client.refreshReservation(reservationId) : undefined}
          onDismiss={() => client.dismissNotice()}
        />
      )}
      {view.busy === "reservation" && (
        <p class="meta" role="status">
          {t("booking.reservation.refreshing")}
        </p>
      )}
      {reservation ? (
        <ReservationDetails
          reservation={reservation}
          lang={lang}
          t={t}
          stamp={client.serverNow()}
          asking={asking}
          cancelling={view.busy === "cancel"}
          shared={shared}
          onAskCancel={() => setAsking(true)}
          onKeep={() => setAsking(false)}
          onCancel={() => {
            setAsking(false);
            void client.cancelReservation(reservation.id);
          }}
          onShared={setShared}
        />
      ) : (
        view.notice === null && (
          <p role="status" class="loading">
            {t("booking.loading")}
          </p>
        )
      )}
      {onShowList && (
        <button type="button" class="btn btn-quiet" onClick={onShowList}>
          {t("booking.reservation.backToList")}
        </button>
      )}
    </div>
  );
}

type DetailsProps = {
  reservation: Reservation;
  lang: Lang;
  t: Translate;
  stamp: number;
  asking: boolean;
  cancelling: boolean;
  shared: string | null;
  onAskCancel: () => void;
  onKeep: () => void;
  onCancel: () => void;
  onShared: (message: string) => void;
};

function ReservationDetails(props: DetailsProps) {
  const { reservation: r, lang, t } = props;
  const cancelled = r.status === "cancelled";
  const first = doseText(lang, r.firstDose);
  const second = doseText(lang, r.secondDose);

  const addToCalendar = () => {
    const ics = reservationToIcs(
      r,
      {
        doseTitle: (dose) => t("booking.ics.doseTitle", { dose }),
        description: t("booking.ics.description", { code: r.code }),
        location: `${r.center.name[lang]}, ${r.center.address[lang]}`,
      },
      props.stamp,
    );
    downloadFile(t("booking.ics.fileName", { code: r.code }), ics, "text/calendar;charset=utf-8");
  };

  const share = async () => {
    const text = t("booking.reservation.shareText", {
      code: r.code,
      center: r.center.name[lang],
      first,
      second,
    });
    const result = await shareText(t("booking.reservation.shareTitle"), text);
    if (result === "copied") props.onShared(t("booking.reservation.copied"));
  };

  return (
    <div
      class="reservation"
      data-testid="reservation"
      data-reservation-id={r.id}
      data-code={r.code}
      data-status={r.status}
    >
      <h2>{cancelled ? t("booking.reservation.titleCancelled") : t("booking.reservation.title")}</h2>
      <p class={`res-status-${r.status}`}>{t(`booking.reservation.status.${r.status}`)}</p>
      <p class="meta">{t("booking.reservation.code")}</p>
      <p class="res-code">
        <span aria-hidden="true">{r.code}</span>
        {/* Read out character by character ("K 7 Q - 2 9 X D"), as a person would say it. */}
        <span class="sr-only">
          {t("booking.reservation.codeSpoken", { code: r.code.split("").join(" ") })}
        </span>
      </p>
      <div class="res-qr">
        <QrCode text={r.code} label={t("booking.reservation.qr")} />
      </div>
      <dl class="summary">
        <dt>{t("booking.reservation.center")}</dt>
        <dd>
          {r.center.name[lang]}
          <br />
          <span class="meta">{r.center.address[lang]}</span>
        </dd>
        <dt>{t("booking.reservation.firstDose")}</dt>
        <dd>{first}</dd>
        <dt>{t("booking.reservation.secondDose")}</dt>
        <dd>{second}</dd>
      </dl>
      <p class="meta">{t("booking.reservation.vaccine", { vaccine: r.vaccine })}</p>
      <p class="meta">{t("booking.reservation.savedOnDevice")}</p>
      {!cancelled && (
        <div class="actions">
          <button type="button" class="btn btn-secondary" onClick={addToCalendar}>
            {t("booking.reservation.addToCalendar")}
          </button>
          <button type="button" class="btn btn-secondary" onClick={() => void share()}>
            {t("booking.reservation.share")}
          </button>
        </div>
      )}
      <p aria-live="polite" class="meta">
        {props.shared}
      </p>
      {!cancelled &&
        (props.asking ? (
          <fieldset class="cancel-ask">
            <legend>{t("booking.reservation.cancelQuestion")}</legend>
            <div class="actions">
              <button
                type="button"
                class="btn btn-primary"
                data-testid="cancel-confirm"
                onClick={props.onCancel}
              >
                {t("booking.reservation.cancelConfirm")}
              </button>
              <button type="button" class="btn btn-secondary" onClick={props.onKeep}>
                {t("booking.reservation.cancelKeep")}
              </button>
            </div>
          </fieldset>
        ) : (
          <button
            type="button"
            class="btn btn-quiet"
            data-testid="cancel-reservation"
            disabled={props.cancelling}
            onClick={props.onAskCancel}
          >
            {props.cancelling ? t("booking.reservation.cancelling") : t("booking.reservation.cancel")}
          </button>
        ))}
    </div>
  );
}
