import { describe, expect, it } from "vitest";
import {
  firstInvalidField,
  isRealDate,
  normalizeBirthDate,
  normalizeName,
  normalizePhone,
  toIdentityField,
  validateIdentity,
} from "../../src/core/booking/identity-validation.ts";

describe("identity validation on the device", () => {
  it("accepts a Korean name, a real date and a dashed mobile number", () => {
    const check = validateIdentity({ name: "홍길동", birthDate: "1969-03-02", phone: "010-1234-5678" });
    expect(check.errors).toEqual({});
    expect(check.request).toEqual({ name: "홍길동", birthDate: "1969-03-02", phone: "010-1234-5678" });
  });

  it("normalizes what people type: spaces in Hangul names, 8-digit dates, phones without dashes", () => {
    const check = validateIdentity({ name: " 홍 길동 ", birthDate: "19690302", phone: "01012345678" });
    expect(check.request).toEqual({ name: "홍길동", birthDate: "1969-03-02", phone: "010-1234-5678" });
  });

  it.each([
    ["홍", "invalid"],
    ["홍길동홍길동", "invalid"],
    ["홍gil동", "invalid"],
    ["ㅎㄱㄷ", "invalid"],
    ["", "required"],
    ["   ", "required"],
  ])("rejects the name %j as %s", (name, code) => {
    expect(validateIdentity({ name, birthDate: "1969-03-02", phone: "010-1234-5678" }).errors.name).toBe(
      code,
    );
  });

  it("accepts Latin names with spaces", () => {
    expect(normalizeName("  Hong   Gil Dong ")).toBe("Hong Gil Dong");
    expect(
      validateIdentity({ name: "Hong Gil Dong", birthDate: "1969-03-02", phone: "010-1234-5678" }).errors,
    ).toEqual({});
  });

  it.each([
    ["1969-02-30", "not_a_date"],
    ["1969-13-01", "not_a_date"],
    ["1969-00-10", "not_a_date"],
    ["69-03-02", "not_a_date"],
    ["1800-01-01", "out_of_range"],
    ["", "required"],
  ])("rejects the birth date %j as %s", (birthDate, code) => {
    expect(validateIdentity({ name: "홍길동", birthDate, phone: "010-1234-5678" }).errors.birthDate).toBe(
      code,
    );
  });

  it("knows leap years", () => {
    expect(isRealDate("1968-02-29")).toBe(true);
    expect(isRealDate("1969-02-29")).toBe(false);
    expect(isRealDate("2000-02-29")).toBe(true);
    expect(isRealDate("1900-02-29")).toBe(false);
  });

  it("normalizes dotted and slashed dates", () => {
    expect(normalizeBirthDate("1969.3.2")).toBe("1969-03-02");
    expect(normalizeBirthDate("1969/03/02")).toBe("1969-03-02");
  });

  it.each([
    ["010-1234-5678", "010-1234-5678"],
    ["010 1234 5678", "010-1234-5678"],
    ["011-123-4567", "011-123-4567"],
    ["0161234567", "016-123-4567"],
    ["010-123-4567", null],
    ["02-1234-5678", null],
    ["010-1234-567", null],
    ["+82-10-1234-5678", null],
  ])("normalizes the phone %j to %j", (raw, expected) => {
    expect(normalizePhone(raw)).toBe(expected);
  });

  it("reports every invalid field and the first one in form order", () => {
    const check = validateIdentity({ name: "", birthDate: "2000-02-31", phone: "123" });
    expect(check.request).toBeNull();
    expect(check.errors).toEqual({ name: "required", birthDate: "not_a_date", phone: "invalid" });
    expect(firstInvalidField({ phone: "invalid", birthDate: "not_a_date" })).toBe("birthDate");
    expect(firstInvalidField({})).toBeNull();
  });

  it("maps the server's field names (plain or JSON pointer) onto form fields", () => {
    expect(toIdentityField("phone")).toBe("phone");
    expect(toIdentityField("/birthDate")).toBe("birthDate");
    expect(toIdentityField("centerId")).toBeNull();
  });
});
