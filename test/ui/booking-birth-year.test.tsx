import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { BookingEvent } from "../../src/core/contract/types.ts";
import { interpolate, type MessageKey, type MessageParams } from "../../src/i18n/core.ts";
import { ko } from "../../src/i18n/ko.ts";
import { BirthYearForm } from "../../src/ui/booking/BirthYearForm.tsx";

const t = (key: MessageKey, params?: MessageParams) => interpolate(ko[key] ?? key, params);

const events: BookingEvent[] = [
  {
    id: "c55-59",
    name: { ko: "55~59세 사전예약", en: "Pre-booking, ages 55-59" },
    opensAt: "2021-07-19T20:00:00+09:00",
    closesAt: "2021-07-24T18:00:00+09:00",
    prequeueOpensAt: null,
    cohort: { birthYearFrom: 1962, birthYearTo: 1966 },
    status: "open",
  },
];

afterEach(cleanup);

function submit(year: string) {
  fireEvent.input(screen.getByTestId("birth-year"), { target: { value: year } });
  fireEvent.click(screen.getByTestId("birth-year-submit"));
}

describe("birth year before queueing", () => {
  it("steers to the event of the cohort", () => {
    const onMatch = vi.fn();
    render(<BirthYearForm events={events} lang="ko" t={t} onMatch={onMatch} />);
    expect(screen.getByLabelText(ko["booking.cohort.label"])).toBe(screen.getByTestId("birth-year"));
    submit("1964");
    expect(onMatch).toHaveBeenCalledWith("c55-59", 1964);
    expect(document.body.textContent).toContain("55~59세 사전예약");
  });

  it("warns when the year is in no cohort, and asks again for a malformed year", () => {
    const onMatch = vi.fn();
    render(<BirthYearForm events={events} lang="ko" t={t} onMatch={onMatch} />);
    submit("1990");
    expect(onMatch).not.toHaveBeenCalled();
    expect(screen.getByTestId("notice").dataset.code).toBe("not_in_cohort");
    submit("64");
    const input = screen.getByTestId("birth-year");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById("birth-year-error")?.textContent).toBe(ko["booking.cohort.invalid"]);
  });
});
