import { useState } from "preact/hooks";
import { type CohortMatch, matchCohort, parseBirthYear } from "../../core/booking/cohort.ts";
import type { BookingEvent } from "../../core/contract/types.ts";
import type { LangProps } from "./i18n.ts";

type Props = LangProps & {
  events: readonly BookingEvent[];
  /** Remembered birth year (Preferences.birthYear), to prefill. */
  initialYear?: number | null;
  /** The year matched an event: the shell may save the year and highlight or join that event. */
  onMatch: (eventId: string, birthYear: number) => void;
};

/**
 * Before queueing: the birth year only, to steer the user to the event for
 * their cohort and warn when none fits, so nobody waits in the wrong line.
 * Small and dependency-light: the home screen may import it directly.
 */
export function BirthYearForm({ events, lang, t, initialYear, onMatch }: Props) {
  const [text, setText] = useState(initialYear ? String(initialYear) : "");
  const [result, setResult] = useState<CohortMatch | null>(null);

  const submit = (event: Event) => {
    event.preventDefault();
    const match = matchCohort(events, parseBirthYear(text));
    setResult(match);
    if (match.kind === "match") onMatch(match.eventId, Number(text.trim()));
  };

  const invalid = result?.kind === "invalid_year";
  return (
    <form class="birth-year booking" onSubmit={submit} noValidate>
      <div class={`field${invalid ? " invalid" : ""}`}>
        <label for="birth-year">{t("booking.cohort.label")}</label>
        <p class="field-hint" id="birth-year-hint">
          {t("booking.cohort.hint")}
        </p>
        <input
          id="birth-year"
          data-testid="birth-year"
          type="text"
          inputMode="numeric"
          autoComplete="bday-year"
          maxLength={4}
          value={text}
          aria-invalid={invalid ? "true" : "false"}
          aria-describedby={invalid ? "birth-year-error birth-year-hint" : "birth-year-hint"}
          onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
        />
        {invalid && (
          <p class="field-error" id="birth-year-error">
            {t("booking.cohort.invalid")}
          </p>
        )}
      </div>
      <button type="submit" class="btn btn-primary" data-testid="birth-year-submit">
        {t("booking.cohort.submit")}
      </button>
      <div aria-live="polite">
        {result?.kind === "match" && (
          <p>{t("booking.cohort.match", { year: text.trim(), event: result.event.name[lang] })}</p>
        )}
        {result?.kind === "not_in_any_cohort" && (
          <p class="notice notice-error" data-testid="notice" data-code="not_in_cohort">
            {t("booking.cohort.none", { year: result.birthYear })}
          </p>
        )}
      </div>
    </form>
  );
}
