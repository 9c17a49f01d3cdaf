import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type ApiClient, ApiError } from "../../src/core/api/types.ts";
import { createBookingClient } from "../../src/core/booking/client.ts";
import type { BookingClient } from "../../src/core/booking/types.ts";
import { createServerClock } from "../../src/core/clock/server-clock.ts";
import { createMemoryStore } from "../../src/core/store/memory-store.ts";
import { interpolate, type Lang, type MessageKey, type MessageParams } from "../../src/i18n/core.ts";
import { en } from "../../src/i18n/en.ts";
import { ko } from "../../src/i18n/ko.ts";
import { BookingScreen } from "../../src/ui/booking/BookingScreen.tsx";
import { ReservationScreen } from "../../src/ui/reservation/ReservationScreen.tsx";
import { createFakeClock } from "../support/fake-clock.ts";
import { seededIds, seededRandom } from "../support/seeded.ts";
import { problem, RESERVATION, stubApi } from "./booking-stub-api.ts";

const catalogs: Record<Lang, Record<MessageKey, string>> = { ko, en };
const translator = (lang: Lang) => (key: MessageKey, params?: MessageParams) =>
  interpolate(catalogs[lang][key] ?? key, params);

const T0 = Date.parse("2021-07-19T11:00:00Z");
const ADMISSION = { token: "adm", expiresAt: new Date(T0 + 10 * 60_000).toISOString() };

afterEach(cleanup);

async function setup(api: ApiClient, lang: Lang = "ko", startAt = T0) {
  const clock = createFakeClock(startAt);
  const random = seededRandom(3);
  const store = createMemoryStore();
  const client = createBookingClient({
    api,
    store,
    clock,
    serverClock: createServerClock(clock),
    random,
    newId: seededIds(random),
  });
  await client.start(ADMISSION, "c55-59");
  const t = translator(lang);
  const onShowReservation = vi.fn();
  render(
    <BookingScreen
      client={client}
      lang={lang}
      t={t}
      onNewTicket={() => undefined}
      onShowReservation={onShowReservation}
    />,
  );
  return { client, store, t };
}

const input = (testId: string) => screen.getByTestId(testId) as HTMLInputElement;
const type = (testId: string, value: string) => fireEvent.input(input(testId), { target: { value } });
const settle = () => act(async () => {});

/** The error text an input points at with aria-describedby. */
function describedErrors(el: HTMLElement): string {
  return (el.getAttribute("aria-describedby") ?? "")
    .split(" ")
    .map((id) => document.getElementById(id))
    .filter((node) => node?.classList.contains("field-error"))
    .map((node) => node?.textContent ?? "")
    .join(" ");
}

describe("identity form", () => {
  it("shows device errors tied to their fields and focuses the first invalid one", async () => {
    await setup(stubApi());
    for (const id of ["identity-name", "identity-birthdate", "identity-phone"]) {
      expect(
        screen.getByLabelText(
          ko[`booking.identity.${id === "identity-birthdate" ? "birthDate" : id.slice(9)}` as MessageKey],
        ),
      ).toBe(input(id));
    }
    type("identity-name", "홍길동");
    type("identity-birthdate", "1964-02-30");
    type("identity-phone", "02-123");
    fireEvent.click(screen.getByTestId("identity-submit"));
    await settle();

    expect(input("identity-name").getAttribute("aria-invalid")).toBe("false");
    expect(input("identity-birthdate").getAttribute("aria-invalid")).toBe("true");
    expect(describedErrors(input("identity-birthdate"))).toBe(ko["booking.error.birthDate.not_a_date"]);
    expect(describedErrors(input("identity-phone"))).toBe(ko["booking.error.phone.invalid"]);
    expect(document.activeElement).toBe(input("identity-birthdate"));
    expect(screen.getByTestId("notice").dataset.code).toBe("validation_failed");
  });

  it("maps the server's validation_failed errors to their fields, in English too", async () => {
    const verifyIdentity = vi.fn(() =>
      Promise.reject(problem(422, "validation_failed", { errors: [{ field: "phone", code: "invalid" }] })),
    );
    await setup(stubApi({ verifyIdentity }), "en");
    type("identity-name", "Hong Gildong");
    type("identity-birthdate", "19640302");
    type("identity-phone", "011-123-4567");
    fireEvent.click(screen.getByTestId("identity-submit"));
    await waitFor(() => expect(input("identity-phone").getAttribute("aria-invalid")).toBe("true"));
    await settle();
    expect(verifyIdentity).toHaveBeenCalledOnce();
    expect(describedErrors(input("identity-phone"))).toBe(en["booking.error.phone.invalid"]);
    await waitFor(() => expect(document.activeElement).toBe(input("identity-phone")));
    // What was typed is kept (normalized), so only the phone needs fixing.
    expect(input("identity-birthdate").value).toBe("1964-03-02");
    expect(input("identity-name").value).toBe("Hong Gildong");
    // Fixing the field clears its error.
    type("identity-phone", "010-1234-5678");
    await settle();
    expect(input("identity-phone").getAttribute("aria-invalid")).toBe("false");
  });

  it("falls back to the field's general message for an error code it does not know", async () => {
    const verifyIdentity = () =>
      Promise.reject(
        problem(422, "validation_failed", { errors: [{ field: "name", code: "blocked_word" }] }),
      );
    await setup(stubApi({ verifyIdentity }));
    type("identity-name", "홍길동");
    type("identity-birthdate", "1964-03-02");
    type("identity-phone", "01012345678");
    fireEvent.click(screen.getByTestId("identity-submit"));
    await waitFor(() =>
      expect(describedErrors(input("identity-name"))).toBe(ko["booking.error.name.invalid"]),
    );
  });
});

async function toSlotStep(client: BookingClient) {
  client.setIdentity({ name: "홍길동", birthDate: "1964-03-02", phone: "010-1234-5678" });
  await act(() => client.submitIdentity());
  fireEvent.click(
    screen.getAllByTestId("region-option").find((el) => el.dataset.regionCode === "11") as HTMLElement,
  );
  await settle();
  fireEvent.click((await screen.findAllByTestId("center-option"))[0] as HTMLElement);
  await settle();
}

describe("center and slot steps", () => {
  it("lists regions, then centers of the region with a working search box", async () => {
    const { client } = await setup(stubApi());
    client.setIdentity({ name: "홍길동", birthDate: "1964-03-02", phone: "010-1234-5678" });
    await act(() => client.submitIdentity());
    expect(screen.getAllByTestId("region-option").map((el) => el.dataset.regionCode)).toEqual(["11", "26"]);
    fireEvent.click(screen.getAllByTestId("region-option")[0] as HTMLElement);
    await settle();
    expect(screen.getAllByTestId("center-option")).toHaveLength(2);
    fireEvent.input(screen.getByLabelText(ko["booking.center.search"]), { target: { value: "강남" } });
    await settle();
    expect(screen.getAllByTestId("center-option").map((el) => el.dataset.centerId)).toEqual(["vc-11-02"]);
  });

  it("disables full days and full slots, and shows the expected second dose before confirming", async () => {
    const { client } = await setup(stubApi());
    await toSlotStep(client);
    const days = (await screen.findAllByTestId("slot-date")) as HTMLButtonElement[];
    expect(days.map((el) => [el.dataset.date, el.disabled])).toEqual([
      ["2021-07-20", false],
      ["2021-07-21", false],
      ["2021-07-22", true],
    ]);
    // The first day with places is open; its full time is disabled.
    let slots = screen.getAllByTestId("slot-option") as HTMLButtonElement[];
    expect(slots.map((el) => [el.dataset.date, el.dataset.time, el.disabled])).toEqual([
      ["2021-07-20", "09:00", true],
      ["2021-07-20", "09:30", false],
    ]);
    fireEvent.click(slots[0] as HTMLElement);
    await settle();
    expect(client.getView().step).toBe("slot");

    fireEvent.click(days[1] as HTMLElement);
    await settle();
    slots = screen.getAllByTestId("slot-option") as HTMLButtonElement[];
    expect(slots.map((el) => [el.dataset.date, el.dataset.time, el.disabled])).toEqual([
      ["2021-07-21", "10:00", false],
    ]);

    fireEvent.click(days[0] as HTMLElement);
    await settle();
    fireEvent.click(screen.getAllByTestId("slot-option")[1] as HTMLElement);
    await settle();
    expect(client.getView().step).toBe("confirm");
    expect(screen.getByText(ko["booking.confirm.secondDose"])).toBeTruthy();
    // 2021-07-20 + 42 days
    expect(document.body.textContent).toContain("2021년 8월 31일");
    expect(screen.getByTestId("confirm-reservation")).toBeTruthy();
  });
});

describe("confirm under a Retry-After longer than the window", () => {
  for (const [lang, words] of [
    ["en", "asked us to wait until after your booking time ends"],
    ["ko", "예약 가능 시간이 끝난 뒤에"],
  ] as const)
    it(`says so (${lang}), keeps the choices and sends nothing more for now`, async () => {
      const busy = new ApiError({
        kind: "http",
        status: 503,
        problem: { type: "about:blank", title: "busy", status: 503, code: "overloaded" },
        retryAfterMs: 20 * 60_000,
      });
      const createReservation = vi.fn(() => Promise.reject(busy));
      const { client } = await setup(stubApi({ createReservation }), lang);
      await toSlotStep(client);
      fireEvent.click((await screen.findAllByTestId("slot-option"))[1] as HTMLElement);
      await settle();
      fireEvent.click(screen.getByTestId("confirm-reservation"));
      await settle();
      await settle();
      const notice = await screen.findByTestId("notice");
      expect(notice.dataset.code).toBe("retry_after_window");
      expect(notice.textContent).toContain(words);
      expect(client.getView()).toMatchObject({ step: "confirm", centerId: "vc-11-01", time: "09:30" });
      expect(createReservation).toHaveBeenCalledTimes(1);
    });
});

describe("admission countdown", () => {
  it("is a timer in server time with a live warning under two minutes", async () => {
    await setup(stubApi(), "ko", T0 + 8 * 60_000 + 20_000);
    const timer = screen.getByRole("timer");
    expect(timer.textContent).toBe("1:40 남음");
    expect(document.body.textContent).toContain(ko["booking.countdown.warning"]);
  });
});

describe("reservation screen", () => {
  it("shows the hooks, the code, the QR, and cancels after a confirmation step", async () => {
    const store = createMemoryStore();
    await store.putReservation(RESERVATION);
    const clock = createFakeClock(T0);
    const cancelReservation = vi.fn(stubApi().cancelReservation);
    const random = seededRandom(1);
    const client = createBookingClient({
      api: stubApi({ cancelReservation }),
      store,
      clock,
      serverClock: createServerClock(clock),
      random,
      newId: seededIds(random),
    });
    render(<ReservationScreen client={client} lang="ko" t={translator("ko")} reservationId="r-1" />);
    const card = await screen.findByTestId("reservation");
    expect(card.dataset).toMatchObject({ reservationId: "r-1", code: "K7Q-29XD", status: "confirmed" });
    expect(card.textContent).toContain("2021년 8월 31일");
    await waitFor(() => expect(screen.getByRole("img", { name: ko["booking.reservation.qr"] })).toBeTruthy());

    fireEvent.click(screen.getByTestId("cancel-reservation"));
    expect(cancelReservation).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId("cancel-confirm"));
    await waitFor(() => expect(screen.getByTestId("reservation").dataset.status).toBe("cancelled"));
    expect(cancelReservation).toHaveBeenCalledOnce();
    expect((await store.listReservations())[0]?.status).toBe("cancelled");
  });
});

describe("ways forward", () => {
  it("an expired admission explains and offers a new ticket for the same event", async () => {
    const onNewTicket = vi.fn();
    const clock = createFakeClock(T0 + 11 * 60_000);
    const random = seededRandom(4);
    const client = createBookingClient({
      api: stubApi(),
      store: createMemoryStore(),
      clock,
      serverClock: createServerClock(clock),
      random,
      newId: seededIds(random),
    });
    await client.start(ADMISSION, "c55-59");
    render(
      <BookingScreen
        client={client}
        lang="ko"
        t={translator("ko")}
        onNewTicket={onNewTicket}
        onShowReservation={() => undefined}
      />,
    );
    expect(screen.getByTestId("notice").dataset.code).toBe("admission_expired");
    fireEvent.click(screen.getByText(ko["booking.expired.newTicket"]));
    expect(onNewTicket).toHaveBeenCalledWith("c55-59");
  });

  it("with nothing to book, says so and leads home", async () => {
    const onNewTicket = vi.fn();
    const clock = createFakeClock(T0);
    const random = seededRandom(5);
    const client = createBookingClient({
      api: stubApi(),
      store: createMemoryStore(),
      clock,
      serverClock: createServerClock(clock),
      random,
      newId: seededIds(random),
    });
    await client.resume();
    render(
      <BookingScreen
        client={client}
        lang="en"
        t={translator("en")}
        onNewTicket={onNewTicket}
        onShowReservation={() => undefined}
      />,
    );
    expect(screen.getByRole("heading", { name: en["booking.none.title"] })).toBeTruthy();
    fireEvent.click(screen.getByText(en["booking.none.home"]));
    expect(onNewTicket).toHaveBeenCalledWith(null);
  });
});
