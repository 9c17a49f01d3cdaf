import { useEffect, useState } from "preact/hooks";
import { realClock } from "../../app/real-clock.ts";
import { admissionCountdown, formatCountdown } from "../../core/booking/countdown.ts";
import { every } from "../components/every.ts";
import type { Translate } from "./i18n.ts";

type Props = {
  expiresAt: number;
  /** Server time now (never the device clock). */
  serverNow: () => number;
  t: Translate;
};

/**
 * Time left on the admission, in server time, visible through the whole
 * flow. The timer itself is not announced every second; the 2-minute warning is.
 */
export function AdmissionTimer({ expiresAt, serverNow, t }: Props) {
  const [now, setNow] = useState(serverNow());
  useEffect(() => {
    return every(realClock, 1000, () => setNow(serverNow()));
  }, [serverNow]);
  const countdown = admissionCountdown(expiresAt, now);
  return (
    <div class={`admission-timer${countdown.warning ? " warning" : ""}`}>
      <span class="label">{t("booking.countdown.label")}</span>{" "}
      <span role="timer" aria-live="off" aria-atomic="true" class="time">
        {t("booking.countdown.value", { time: formatCountdown(countdown.secondsLeft) })}
      </span>
      <div aria-live="assertive" class="warning-text">
        {countdown.warning ? <p>{t("booking.countdown.warning")}</p> : null}
      </div>
    </div>
  );
}
