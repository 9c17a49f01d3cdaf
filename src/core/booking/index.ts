export { filterCenters } from "./center-search.ts";
export { type BookingClientDeps, createBookingClient } from "./client.ts";
export { type CohortMatch, matchCohort, parseBirthYear } from "./cohort.ts";
export {
  ADMISSION_WARNING_MS,
  type AdmissionCountdown,
  admissionCountdown,
  formatCountdown,
} from "./countdown.ts";
export { addDays, expectedSecondDose, seoulDate, seoulEpoch } from "./dates.ts";
export { escapeIcsText, foldIcsLine, type IcsText, reservationToIcs } from "./ics.ts";
export {
  firstInvalidField,
  IDENTITY_FIELDS,
  type IdentityErrorCode,
  type IdentityField,
  type IdentityFieldErrors,
  type IdentityInput,
  normalizeBirthDate,
  normalizeName,
  normalizePhone,
  validateIdentity,
} from "./identity-validation.ts";
export type { BookingBusy, BookingClient, BookingNotice, BookingStep, BookingView } from "./types.ts";
