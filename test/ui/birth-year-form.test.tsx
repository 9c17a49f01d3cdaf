import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { interpolate, type MessageKey, type MessageParams } from "../../src/i18n/core.ts";
import { ko } from "../../src/i18n/ko.ts";
import { BirthYearForm } from "../../src/ui/app/BirthYearForm.tsx";

const t = (key: MessageKey, params?: MessageParams) => interpolate(ko[key] ?? key, params);

afterEach(cleanup);

function submit(year: string) {
  fireEvent.input(screen.getByTestId("birth-year"), { target: { value: year } });
  fireEvent.click(screen.getByTestId("birth-year-submit"));
}

describe("birth year form", () => {
  it("reports a plausible year, prefilled from the remembered one", () => {
    const onYear = vi.fn();
    render(<BirthYearForm t={t} initialYear={1964} noCohortFor={null} onYear={onYear} />);
    const input = screen.getByLabelText(ko["app.cohort.label"]) as HTMLInputElement;
    expect(input).toBe(screen.getByTestId("birth-year"));
    expect(input.value).toBe("1964");
    submit(" 1969 ");
    expect(onYear).toHaveBeenCalledWith(1969);
  });

  it("asks again for a malformed year, and shows the no-cohort warning it is given", () => {
    const onYear = vi.fn();
    const { rerender } = render(
      <BirthYearForm t={t} initialYear={null} noCohortFor={null} onYear={onYear} />,
    );
    submit("64");
    expect(onYear).not.toHaveBeenCalled();
    const input = screen.getByTestId("birth-year");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById("birth-year-error")?.textContent).toBe(ko["app.cohort.invalid"]);
    submit("1990");
    expect(onYear).toHaveBeenCalledWith(1990);
    rerender(<BirthYearForm t={t} initialYear={null} noCohortFor={1990} onYear={onYear} />);
    expect(screen.getByTestId("notice").dataset.code).toBe("not_in_cohort");
    expect(screen.getByTestId("notice").textContent).toContain("1990년생은");
  });
});
