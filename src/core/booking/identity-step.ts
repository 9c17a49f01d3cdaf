import { isAbort, problemOf } from "./failure.ts";
import {
  type IdentityFieldErrors,
  type IdentityInput,
  toIdentityField,
  validateIdentity,
} from "./identity-validation.ts";
import { type BookingSession, notice } from "./session.ts";

export interface IdentityPart {
  setIdentity(fields: Partial<IdentityInput>): void;
  submitIdentity(): Promise<void>;
}

interface IdentityHooks {
  ensureCatalog(): Promise<void>;
  expire(): Promise<void>;
}

/**
 * Name, birth date and phone: checked on the device, then sent once under a
 * saved Idempotency-Key; the server's field errors land on their fields and
 * its eligibility answer is explained.
 */
export function createIdentityPart(s: BookingSession, hooks: IdentityHooks): IdentityPart {
  const { api, newId } = s.deps;

  async function onFailed(error: unknown): Promise<void> {
    const problem = problemOf(error);
    if (!s.draft || isAbort(error)) return;
    if (problem?.code === "admission_expired") return hooks.expire();
    if (problem?.code === "validation_failed") {
      const fieldErrors: IdentityFieldErrors = {};
      for (const fieldError of problem.errors ?? []) {
        const field = toIdentityField(fieldError.field);
        if (field) fieldErrors[field] = fieldError.code;
      }
      // Nothing was remembered under the key; the corrected form gets a new one.
      await s.saveDraft(
        { ...s.draft, identityKey: null },
        { fieldErrors, busy: null, notice: notice(problem.code) },
      );
      return;
    }
    if (problem?.code === "idempotency_key_reused") await s.saveDraft({ ...s.draft, identityKey: null });
    s.fail(error);
  }

  return {
    setIdentity(fields) {
      const draft = s.draft;
      if (!draft || draft.reservationKey !== null) return;
      const fieldErrors: IdentityFieldErrors = { ...s.view.fieldErrors };
      for (const field of Object.keys(fields) as (keyof IdentityInput)[]) delete fieldErrors[field];
      // A changed body is a new logical action: a new key, and the old identity no longer holds.
      void s.saveDraft(
        { ...draft, ...fields, identityKey: null, identityToken: null, maskedName: null },
        { fieldErrors },
      );
    },

    async submitIdentity() {
      const draft = s.draft;
      if (!draft || s.view.busy === "identity") return;
      const bearer = draft.admission.token;
      // The token goes when the admission is over (or used): nothing more to verify under it.
      if (bearer === null) return hooks.expire();
      const check = validateIdentity({ name: draft.name, birthDate: draft.birthDate, phone: draft.phone });
      const request = check.request;
      if (!request) {
        s.update({ fieldErrors: check.errors, notice: notice("validation_failed") });
        return;
      }
      // Save the normalized fields and the key before sending, so a retry after a reload replays.
      const key = draft.identityKey ?? newId();
      await s.saveDraft(
        { ...draft, ...request, identityKey: key },
        { fieldErrors: {}, busy: "identity", notice: null },
      );
      try {
        const reply = await s.call("identity", (signal) =>
          api.verifyIdentity(request, bearer, key, { signal }),
        );
        const identity = reply.body.identity;
        if (!s.draft) return;
        if (!identity.eligible) {
          const existing =
            identity.reason === "already_reserved"
              ? ((await s.storedReservations()).find((r) => r.status === "confirmed") ?? null)
              : null;
          s.update({
            step: "ineligible",
            busy: null,
            ineligibleReason: identity.reason,
            existingReservation: existing,
            notice: notice(identity.reason ?? "not_eligible"),
          });
          return;
        }
        await s.saveDraft(
          { ...s.draft, identityToken: identity.token, maskedName: identity.maskedName },
          { step: "center", busy: null, ineligibleReason: null },
        );
        await hooks.ensureCatalog();
      } catch (error) {
        await onFailed(error);
      }
    },
  };
}
