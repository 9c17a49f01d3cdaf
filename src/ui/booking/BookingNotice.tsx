import type { BookingNotice as Notice } from "../../core/booking/types.ts";
import { messageFor, type Translate } from "./i18n.ts";

type Props = {
  notice: Notice;
  t: Translate;
  serverNow: number;
  onRetry?: (() => void) | undefined;
  retryLabel?: string | undefined;
  onDismiss?: (() => void) | undefined;
};

/** Codes that stop the user until they act; the rest are progress reports. */
const INTERRUPTING = new Set([
  "slot_full",
  "admission_expired",
  "already_reserved",
  "not_eligible",
  "not_in_cohort",
  "invalid_token",
  "validation_failed",
  "storage_unavailable",
  "not_found",
  "idempotency_key_reused",
]);

/** A problem or progress note, with data-testid="notice" data-code=<code> and a way forward. */
export function BookingNotice({ notice, t, serverNow, onRetry, retryLabel, onDismiss }: Props) {
  const interrupting = INTERRUPTING.has(notice.code);
  const seconds =
    notice.retryAt === null ? null : Math.max(0, Math.ceil((notice.retryAt - serverNow) / 1000));
  return (
    <div
      class={`notice ${interrupting ? "notice-error" : "notice-info"}`}
      data-testid="notice"
      data-code={notice.code}
      role={interrupting ? "alert" : "status"}
    >
      <p>{messageFor(t, `booking.notice.${notice.code}`, "booking.notice.unknown")}</p>
      {seconds !== null && seconds > 0 && <p class="meta">{t("booking.notice.retryIn", { seconds })}</p>}
      <div class="actions">
        {onRetry && (
          <button type="button" class="btn btn-secondary" onClick={onRetry}>
            {retryLabel ?? t("booking.notice.retry")}
          </button>
        )}
        {onDismiss && (
          <button type="button" class="btn btn-quiet" onClick={onDismiss}>
            {t("booking.notice.dismiss")}
          </button>
        )}
      </div>
    </div>
  );
}
