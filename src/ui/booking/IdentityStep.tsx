import { useEffect, useRef } from "preact/hooks";
import { firstInvalidField, type IdentityField } from "../../core/booking/identity-validation.ts";
import type { BookingClient, BookingView } from "../../core/booking/types.ts";
import type { MessageKey } from "../../i18n/core.ts";
import { messageFor, type Translate } from "./i18n.ts";

type Props = { client: BookingClient; view: BookingView; t: Translate };

interface FieldSpec {
  field: IdentityField;
  testId: string;
  label: MessageKey;
  hint: MessageKey;
  autoComplete: string;
  inputMode: "text" | "numeric" | "tel";
}

const FIELDS: FieldSpec[] = [
  {
    field: "name",
    testId: "identity-name",
    label: "booking.identity.name",
    hint: "booking.identity.nameHint",
    autoComplete: "name",
    inputMode: "text",
  },
  {
    field: "birthDate",
    testId: "identity-birthdate",
    label: "booking.identity.birthDate",
    hint: "booking.identity.birthDateHint",
    autoComplete: "bday",
    // A text field, not type="date": typed "1969-03-02" or "19690302" both work, on every phone.
    inputMode: "numeric",
  },
  {
    field: "phone",
    testId: "identity-phone",
    label: "booking.identity.phone",
    hint: "booking.identity.phoneHint",
    autoComplete: "tel-national",
    // inputMode="tel" brings up the phone keypad; the field stays type="text" so any format can be typed.
    inputMode: "tel",
  },
];

/** Name, birth date and phone; errors are tied to their fields and focus goes to the first invalid one. */
export function IdentityStep({ client, view, t }: Props) {
  const inputs = useRef<Partial<Record<IdentityField, HTMLInputElement | null>>>({});
  const busy = view.busy === "identity";

  // Device and server errors alike: move focus to the first invalid field when they appear.
  useEffect(() => {
    const first = firstInvalidField(view.fieldErrors);
    if (first) inputs.current[first]?.focus();
  }, [view.fieldErrors]);

  const onSubmit = (event: Event) => {
    event.preventDefault();
    void client.submitIdentity();
  };

  return (
    <form class="booking-form" onSubmit={onSubmit} noValidate>
      <p>{t("booking.identity.intro")}</p>
      {FIELDS.map((spec) => {
        const error = view.fieldErrors[spec.field];
        const inputId = `identity-${spec.field}`;
        const hintId = `${inputId}-hint`;
        const errorId = `${inputId}-error`;
        return (
          <div class={`field${error ? " invalid" : ""}`} key={spec.field}>
            <label for={inputId}>{t(spec.label)}</label>
            <p class="field-hint" id={hintId}>
              {t(spec.hint)}
            </p>
            <input
              id={inputId}
              ref={(el) => {
                inputs.current[spec.field] = el;
              }}
              data-testid={spec.testId}
              type="text"
              inputMode={spec.inputMode}
              autoComplete={spec.autoComplete}
              value={view.identity[spec.field]}
              aria-invalid={error ? "true" : "false"}
              aria-describedby={error ? `${errorId} ${hintId}` : hintId}
              onInput={(e) =>
                client.setIdentity({ [spec.field]: (e.currentTarget as HTMLInputElement).value })
              }
              // Read-only, not disabled, while checking: focus stays where it was.
              readOnly={busy}
            />
            {error && (
              <p class="field-error" id={errorId}>
                {messageFor(t, `booking.error.${spec.field}.${error}`, fieldFallback(spec.field))}
              </p>
            )}
          </div>
        );
      })}
      <button type="submit" class="btn btn-primary wide" data-testid="identity-submit" disabled={busy}>
        {busy ? t("booking.identity.submitting") : t("booking.identity.submit")}
      </button>
    </form>
  );
}

function fieldFallback(field: IdentityField): MessageKey {
  if (field === "name") return "booking.error.name.invalid";
  if (field === "birthDate") return "booking.error.birthDate.invalid";
  return "booking.error.phone.invalid";
}
