import type { IdentityRequest } from "../contract/types.ts";

/** The identity form's fields, named as the contract's request body. */
export type IdentityField = "name" | "birthDate" | "phone";

/**
 * Why a field was rejected. Device-side codes are listed here; codes the
 * server sends in `validation_failed` pass through unchanged and the UI falls
 * back to the field's generic message for codes it does not know.
 */
export type IdentityErrorCode = "required" | "invalid" | "not_a_date" | "out_of_range" | (string & {});

export type IdentityFieldErrors = Partial<Record<IdentityField, IdentityErrorCode>>;

/** What the user typed, as typed. */
export type IdentityInput = IdentityRequest;

/** Form order, so the UI can focus the first invalid field. */
export const IDENTITY_FIELDS: readonly IdentityField[] = ["name", "birthDate", "phone"];

const HANGUL_NAME = /^[가-힣]{2,5}$/;
/** Latin letters, words joined by a space, apostrophe, dot or hyphen ("Jane O'Neil-Park"). */
const LATIN_NAME = /^[A-Za-z]+(?:[ '.-][A-Za-z]+)*$/;

/** Trims and collapses inner spaces; Hangul names lose their spaces ("홍 길동" → "홍길동"). */
export function normalizeName(raw: string): string {
  const collapsed = raw.trim().replace(/\s+/g, " ");
  return /^[가-힣 ]+$/.test(collapsed) ? collapsed.replace(/ /g, "") : collapsed;
}

function nameError(name: string): IdentityErrorCode | null {
  if (name === "") return "required";
  if (HANGUL_NAME.test(name)) return null;
  if (LATIN_NAME.test(name) && name.length >= 2 && name.length <= 40) return null;
  return "invalid";
}

/** "19690302", "1969.03.02", "1969/3/2" and "1969-03-02" all become "1969-03-02"; anything else is returned trimmed. */
export function normalizeBirthDate(raw: string): string {
  const text = raw.trim();
  const digits = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (digits) return `${digits[1]}-${digits[2]}-${digits[3]}`;
  const parts = /^(\d{4})[-./ ](\d{1,2})[-./ ](\d{1,2})$/.exec(text);
  if (parts) return `${parts[1]}-${parts[2]?.padStart(2, "0")}-${parts[3]?.padStart(2, "0")}`;
  return text;
}

/** true for a calendar date that exists (no 1969-02-30). */
export function isRealDate(date: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function birthDateError(date: string): IdentityErrorCode | null {
  if (date === "") return "required";
  if (!isRealDate(date)) return "not_a_date";
  const year = Number(date.slice(0, 4));
  // A person booking a vaccine was born after 1900; the server checks the cohort itself.
  if (year < 1900 || year > 2030) return "out_of_range";
  return null;
}

/**
 * Korean mobile numbers: 010 + 8 digits, or the older 011/016/017/018/019 with
 * 7 or 8 digits; dashes, dots and spaces are ignored. Returns "010-1234-5678",
 * or null when it is not a mobile number.
 */
export function normalizePhone(raw: string): string | null {
  const digits = raw.replace(/[\s.-]/g, "");
  const match = /^(01[016789])(\d{3,4})(\d{4})$/.exec(digits);
  if (!match) return null;
  if (match[1] === "010" && match[2]?.length !== 4) return null;
  return `${match[1]}-${match[2]}-${match[3]}`;
}

function phoneError(raw: string): IdentityErrorCode | null {
  if (raw.trim() === "") return "required";
  return normalizePhone(raw) ? null : "invalid";
}

export interface IdentityCheck {
  /** The request body to send, normalized; null when a field is invalid. */
  request: IdentityRequest | null;
  errors: IdentityFieldErrors;
}

/** Validates the identity form on the device, before anything is sent. */
export function validateIdentity(input: IdentityInput): IdentityCheck {
  const name = normalizeName(input.name);
  const birthDate = normalizeBirthDate(input.birthDate);
  const phone = normalizePhone(input.phone);
  const errors: IdentityFieldErrors = {};
  const nameProblem = nameError(name);
  if (nameProblem) errors.name = nameProblem;
  const dateProblem = birthDateError(birthDate);
  if (dateProblem) errors.birthDate = dateProblem;
  const phoneProblem = phoneError(input.phone);
  if (phoneProblem) errors.phone = phoneProblem;
  if (Object.keys(errors).length > 0 || phone === null) return { request: null, errors };
  return { request: { name, birthDate, phone }, errors };
}

/** The first field (in form order) that has an error, for moving focus to it. */
export function firstInvalidField(errors: IdentityFieldErrors): IdentityField | null {
  return IDENTITY_FIELDS.find((field) => errors[field] !== undefined) ?? null;
}

/** Maps a server field name (maybe a JSON pointer like "/phone") onto a form field. */
export function toIdentityField(field: string): IdentityField | null {
  const bare = field.replace(/^\/+/, "").replace(/^body\./, "");
  return (IDENTITY_FIELDS as readonly string[]).includes(bare) ? (bare as IdentityField) : null;
}
