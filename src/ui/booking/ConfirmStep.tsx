import type { BookingClient, BookingView } from "../../core/booking/types.ts";
import type { Lang } from "../../i18n/core.ts";
import { formatDate } from "../../i18n/format-time.ts";
import type { Translate } from "./i18n.ts";

type Props = { client: BookingClient; view: BookingView; lang: Lang; t: Translate };

/** Everything the reservation will hold, the expected second dose, and the one confirm button. */
export function ConfirmStep({ client, view, lang, t }: Props) {
  const busy = view.busy === "confirm";
  const locked = view.confirmPending;
  return (
    <div class="confirm-step">
      <dl class="summary">
        {view.maskedName && (
          <>
            <dt>{t("booking.confirm.person")}</dt>
            <dd>{view.maskedName}</dd>
          </>
        )}
        <dt>{t("booking.confirm.center")}</dt>
        <dd>
          {view.center ? (
            <>
              {view.center.name[lang]}
              <br />
              <span class="meta">{view.center.address[lang]}</span>
            </>
          ) : (
            view.centerId
          )}
          {!locked && (
            <button type="button" class="btn btn-quiet" onClick={() => client.goTo("center")}>
              {t("booking.change")}
            </button>
          )}
        </dd>
        <dt>{t("booking.confirm.firstDose")}</dt>
        <dd>
          {view.date && `${formatDate(lang, view.date)} ${view.time ?? ""}`}
          {!locked && (
            <button type="button" class="btn btn-quiet" onClick={() => client.goTo("slot")}>
              {t("booking.change")}
            </button>
          )}
        </dd>
        <dt>{t("booking.confirm.secondDose")}</dt>
        <dd>
          {view.secondDoseExpected &&
            `${formatDate(lang, view.secondDoseExpected.date)} ${view.secondDoseExpected.time}`}
          <p class="meta">{t("booking.confirm.secondDoseNote")}</p>
        </dd>
      </dl>
      {locked && (
        <p class="meta" role="status">
          {t("booking.confirm.pending")}
        </p>
      )}
      <button
        type="button"
        class="btn btn-primary wide"
        data-testid="confirm-reservation"
        disabled={busy}
        aria-busy={busy}
        onClick={() => void client.confirm()}
      >
        {busy
          ? t("booking.confirm.submitting")
          : locked
            ? t("booking.confirm.checkNow")
            : t("booking.confirm.submit")}
      </button>
    </div>
  );
}
