import { useState } from "preact/hooks";
import { parseBirthYear } from "../../core/booking/cohort.ts";
import type { Translate } from "../../i18n/runtime.ts";

type Props = {
  t: Translate;
  /** Remembered birth year (Preferences.birthYear), to prefill. */
  initialYear: number | null;
  /** A plausible year was entered: the home screen remembers it and steers to its event. */
  onYear: (birthYear: number) => void;
  /** The entered year is in no open or coming cohort: warn before the user waits in the wrong line. */
  noCohortFor: number | null;
};

/**
 * Before queueing: the birth year only, to steer the user to the event for
 * their cohort and warn when none fits, so nobody waits in the wrong line.
 * On the home screen, so small; its strings are in the "app" catalog section.
 */
export function BirthYearForm({ t, initialYear, onYear, noCohortFor }: Props) {
  const [text, setText] = useState(initialYear ? String(initialYear) : "");
  const [invalid, setInvalid] = useState(false);

  const submit = (event: Event) => {
    event.preventDefault();
    const year = parseBirthYear(text);
    setInvalid(year === null);
    if (year !== null) onYear(year);
  };

  return (
    <form class="card birth-year" onSubmit={submit} noValidate>
      <div class={invalid ? "field invalid" : "field"}>
        <label for="birth-year">{t("app.cohort.label")}</label>
        <p class="field-hint" id="birth-year-hint">
          {t("app.cohort.hint")}
        </p>
        <input
          id="birth-year"
          data-testid="birth-year"
          type="text"
          inputMode="numeric"
          autoComplete="bday-year"
          maxLength={4}
          value={text}
          aria-invalid={invalid}
          aria-describedby={invalid ? "birth-year-error" : "birth-year-hint"}
          onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
        />
        {invalid && (
          <p class="field-error" id="birth-year-error">
            {t("app.cohort.invalid")}
          </p>
        )}
      </div>
      <button type="submit" class="btn btn-primary" data-testid="birth-year-submit">
        {t("app.cohort.submit")}
      </button>
      <div aria-live="polite">
        {noCohortFor !== null && !invalid && (
          <p class="notice" data-testid="notice" data-code="not_in_cohort">
            {t("app.cohort.none", { year: noCohortFor })}
          </p>
        )}
      </div>
    </form>
  );
}
