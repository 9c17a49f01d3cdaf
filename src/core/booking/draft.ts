import type { ReservationRequest } from "../contract/types.ts";
import { withoutAdmissionToken } from "../store/admission.ts";
import type { BookingDraft, KeptAdmission, Preferences } from "../store/types.ts";
import type { BookingStep } from "./types.ts";

/**
 * A fresh draft for this admission. Non-personal choices carry over from an
 * earlier draft (a new ticket after an expired one) or from the preferences.
 */
export function newDraft(
  admission: KeptAdmission,
  eventId: string,
  now: number,
  previous: BookingDraft | null,
  prefs: Preferences,
): BookingDraft {
  return {
    eventId,
    admission,
    name: previous?.name ?? "",
    birthDate: previous?.birthDate ?? "",
    phone: previous?.phone ?? "",
    identityKey: null,
    identityToken: null,
    maskedName: null,
    regionCode: previous?.regionCode ?? prefs.lastRegionCode,
    centerId: previous?.centerId ?? prefs.lastCenterId,
    date: null,
    time: null,
    reservationKey: null,
    completedReservationId: null,
    updatedAt: now,
  };
}

/** The step a saved draft resumes at: the first thing still missing. */
export function stepFor(draft: BookingDraft): BookingStep {
  if (!draft.identityToken) return "identity";
  if (!draft.centerId) return "center";
  if (!draft.date || !draft.time) return "slot";
  return "confirm";
}

/**
 * The draft without personal data (name, birth date, phone and the identity
 * token made from them) nor the admission token, for when the admission has
 * expired or its booking completed: the choices of region, center and slot
 * are kept for the next admission, and the admission's mark tells it apart.
 * With `keepPendingConfirm`, a confirm whose outcome is still unknown keeps
 * its key, the opaque identity token of its body and the admission token it
 * is sent under, so a replay can still find out whether the reservation was
 * made; they go once the server has answered.
 */
export function withoutPersonalData(
  draft: BookingDraft,
  now: number,
  keepPendingConfirm = false,
): BookingDraft {
  const pending = keepPendingConfirm && draft.reservationKey !== null;
  return {
    ...draft,
    name: "",
    birthDate: "",
    phone: "",
    identityKey: null,
    identityToken: pending ? draft.identityToken : null,
    maskedName: pending ? draft.maskedName : null,
    reservationKey: pending ? draft.reservationKey : null,
    admission: pending ? draft.admission : withoutAdmissionToken(draft.admission),
    updatedAt: now,
  };
}

/**
 * The exact body of the confirm request. It is derived only from fields that
 * are frozen while `reservationKey` is set, so every replay sends the same
 * bytes under the same key (the server replays only an identical request).
 */
export function reservationBody(draft: BookingDraft): ReservationRequest | null {
  if (!draft.identityToken || !draft.centerId || !draft.date || !draft.time) return null;
  return { identityToken: draft.identityToken, centerId: draft.centerId, date: draft.date, time: draft.time };
}
