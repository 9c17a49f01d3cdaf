import { useEffect, useRef } from "preact/hooks";
import type { BookingClient, BookingStep, BookingView } from "../../core/booking/types.ts";
import type { Reservation } from "../../core/contract/types.ts";
import type { MessageKey } from "../../i18n/core.ts";
import { AdmissionTimer } from "./AdmissionTimer.tsx";
import { BookingNotice } from "./BookingNotice.tsx";
import { CenterStep } from "./CenterStep.tsx";
import { ConfirmStep } from "./ConfirmStep.tsx";
import { ExpiredStep, IneligibleStep } from "./EndSteps.tsx";
import { IdentityStep } from "./IdentityStep.tsx";
import type { LangProps } from "./i18n.ts";
import { SlotStep } from "./SlotStep.tsx";
import { useBookingView } from "./use-booking-view.ts";
import "./booking.css";

export type BookingScreenProps = LangProps & {
  client: BookingClient;
  /** The admission is over: take the user to join the line again (the queue screen offers a new ticket). */
  onNewTicket: (eventId: string | null) => void;
  /** Show a reservation (the one just made, or an existing one for already_reserved). */
  onShowReservation: (id: string) => void;
  /** Called once when the reservation is made (e.g. navigate to it). */
  onDone?: (reservation: Reservation) => void;
  /** The center chosen last time, marked in the list. */
  lastCenterId?: string | null;
};

const FLOW: BookingStep[] = ["identity", "center", "slot", "confirm"];
const STEP_TITLES: Partial<Record<BookingStep, MessageKey>> = {
  identity: "booking.step.identity",
  center: "booking.step.center",
  slot: "booking.step.slot",
  confirm: "booking.step.confirm",
  ineligible: "booking.ineligible.title",
  expired: "booking.expired.title",
  none: "booking.none.title",
  done: "booking.reservation.title",
};
/** Codes the user must act on in the step itself; a "try again" button would not help. */
const NO_RETRY = new Set([
  "slot_full",
  "admission_expired",
  "already_reserved",
  "not_eligible",
  "validation_failed",
  "invalid_token",
]);

/** Identity → region/center → slot → confirm, under the admission countdown. Renders state, sends intents. */
export function BookingScreen(props: BookingScreenProps) {
  const { client, lang, t, onNewTicket, onShowReservation, onDone } = props;
  const view = useBookingView(client);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstStep = useRef(true);

  // Moving between steps moves focus to the new step's heading (not on first render).
  useEffect(() => {
    if (view.step === "loading") return;
    if (!firstStep.current) heading.current?.focus();
    firstStep.current = false;
  }, [view.step]);

  const doneId = view.step === "done" ? (view.reservation?.id ?? null) : null;
  useEffect(() => {
    if (doneId && view.reservation) onDone?.(view.reservation);
  }, [doneId]);

  const position = FLOW.indexOf(view.step);
  const titleKey = STEP_TITLES[view.step];
  const showTimer = view.expiresAt !== null && FLOW.includes(view.step);

  return (
    <div class="booking" data-step={view.step}>
      {showTimer && view.expiresAt !== null && (
        <AdmissionTimer expiresAt={view.expiresAt} serverNow={client.serverNow} t={t} />
      )}
      {!view.durable && <p class="meta">{t("booking.notDurable")}</p>}
      {position >= 0 && (
        <p class="meta step-count">{t("booking.stepOf", { current: position + 1, total: FLOW.length })}</p>
      )}
      {titleKey && (
        <h2 tabIndex={-1} ref={heading} class="step-title">
          {t(titleKey)}
        </h2>
      )}
      {view.notice && (
        <BookingNotice
          notice={view.notice}
          t={t}
          serverNow={client.serverNow()}
          onRetry={NO_RETRY.has(view.notice.code) ? undefined : retryFor(client, view)}
          retryLabel={view.notice.code === "outcome_unknown" ? t("booking.confirm.checkNow") : undefined}
          onDismiss={() => client.dismissNotice()}
        />
      )}
      {view.step === "loading" && (
        <p role="status" class="loading">
          {t("booking.loading")}
        </p>
      )}
      {view.step === "identity" && <IdentityStep client={client} view={view} t={t} />}
      {view.step === "center" && (
        <CenterStep client={client} view={view} lang={lang} t={t} lastCenterId={props.lastCenterId ?? null} />
      )}
      {view.step === "slot" && <SlotStep client={client} view={view} lang={lang} t={t} />}
      {view.step === "confirm" && <ConfirmStep client={client} view={view} lang={lang} t={t} />}
      {view.step === "ineligible" && (
        <IneligibleStep client={client} view={view} t={t} onShowReservation={onShowReservation} />
      )}
      {view.step === "expired" && <ExpiredStep view={view} t={t} onNewTicket={onNewTicket} />}
      {view.step === "none" && (
        <>
          <p>{t("booking.none.body")}</p>
          <button type="button" class="btn btn-primary wide" onClick={() => onNewTicket(null)}>
            {t("booking.none.home")}
          </button>
        </>
      )}
      {view.step === "done" && view.reservation && (
        <button
          type="button"
          class="btn btn-primary wide"
          onClick={() => onShowReservation(view.reservation?.id ?? "")}
        >
          {t("booking.ineligible.showExisting")}
        </button>
      )}
      {view.step !== "loading" && position > 0 && !view.confirmPending && (
        <button
          type="button"
          class="btn btn-quiet"
          onClick={() => client.goTo(FLOW[position - 1] as "identity")}
        >
          {t("booking.back")}
        </button>
      )}
    </div>
  );
}

/** What "try again" means on each step. */
function retryFor(client: BookingClient, view: BookingView): (() => void) | undefined {
  switch (view.step) {
    case "identity":
      return () => void client.submitIdentity();
    case "center":
      return () => void client.prefetchCatalog();
    case "slot":
      return () => void client.loadSlots(view.slotRange?.from, view.slotRange?.to);
    case "confirm":
      return () => void client.confirm();
    case "expired":
      // A confirm still in doubt after the window: "check now" replays it (same key).
      return view.confirmPending ? () => void client.confirm() : undefined;
    default:
      return undefined;
  }
}
