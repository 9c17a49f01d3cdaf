/**
 * Server-side checks of the identity form. Field codes match the client's
 * (src/core/booking/identity-validation.ts): required, invalid, not_a_date, out_of_range.
 */
import { isRealDate, seoulDate } from "../time-format.ts";

export interface CheckedIdentity {
  name: string;
  birthDate: string;
  birthYear: number;
  /** Digits only, e.g. "01012345678". */
  phoneDigits: string;
}

const HANGUL_NAME = /^[가-힣]{2,5}$/;
const LATIN_NAME = /^[A-Za-z]+(?:[ '.-][A-Za-z]+)*$/;

export function normalizeName(raw: string): string {
  const collapsed = raw.trim().replace(/\s+/g, " ");
  return /^[가-힣 ]+$/.test(collapsed) ? collapsed.replaceAll(" ", "") : collapsed;
}

export function checkIdentity(
  body: Record<string, unknown> | null,
  now: number,
): { ok: true; value: CheckedIdentity } | { ok: false; errors: { field: string; code: string }[] } {
  if (body === null) return { ok: false, errors: [{ field: "body", code: "invalid" }] };
  const errors: { field: string; code: string }[] = [];
  const text = (field: string): string | null => {
    const value = body[field];
    if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) {
      errors.push({ field, code: "required" });
      return null;
    }
    if (typeof value !== "string") {
      errors.push({ field, code: "invalid" });
      return null;
    }
    return value;
  };
  const rawName = text("name");
  const name = rawName === null ? "" : normalizeName(rawName);
  if (rawName !== null && !HANGUL_NAME.test(name) && !(LATIN_NAME.test(name) && name.length <= 40)) {
    errors.push({ field: "name", code: "invalid" });
  }
  const birthDate = text("birthDate")?.trim() ?? "";
  if (birthDate !== "") {
    if (!isRealDate(birthDate)) errors.push({ field: "birthDate", code: "not_a_date" });
    else if (birthDate < "1900-01-01" || birthDate > seoulDate(now)) {
      errors.push({ field: "birthDate", code: "out_of_range" });
    }
  }
  const rawPhone = text("phone");
  const phoneDigits = (rawPhone ?? "").trim().replaceAll("-", "");
  if (rawPhone !== null && !/^010\d{8}$/.test(phoneDigits)) errors.push({ field: "phone", code: "invalid" });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { name, birthDate, birthYear: Number(birthDate.slice(0, 4)), phoneDigits } };
}

/** "홍길동" -> "홍*동", "남궁민수" -> "남**수", "이산" -> "이*", "Jane Doe" -> "J*** D**". */
export function maskName(name: string): string {
  if (/^[가-힣]+$/.test(name)) {
    if (name.length <= 2) return `${name[0]}*`;
    return `${name[0]}${"*".repeat(name.length - 2)}${name[name.length - 1]}`;
  }
  return name
    .split(" ")
    .map((word) => `${word[0]}${"*".repeat(Math.max(0, word.length - 1))}`)
    .join(" ");
}

/** The same person however they typed their name's case. */
export function personText(identity: CheckedIdentity): string {
  return `${identity.name.toLowerCase()}|${identity.birthDate}|${identity.phoneDigits}`;
}
