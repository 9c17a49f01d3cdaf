import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createBookingClient } from "../../src/core/booking/client.ts";
import { createServerClock } from "../../src/core/clock/server-clock.ts";
import { createMemoryStore } from "../../src/core/store/memory-store.ts";
import { interpolate, type MessageKey, type MessageParams } from "../../src/i18n/core.ts";
import { en } from "../../src/i18n/en.ts";
import { ReservationScreen } from "../../src/ui/reservation/ReservationScreen.tsx";
import { ReservationsList } from "../../src/ui/reservation/ReservationsList.tsx";
import { createFakeClock } from "../support/fake-clock.ts";
import { seededIds, seededRandom } from "../support/seeded.ts";
import { RESERVATION, stubApi } from "./booking-stub-api.ts";

const t = (key: MessageKey, params?: MessageParams) => interpolate(en[key] ?? key, params);

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function clientWithReservation(api = stubApi()) {
  const store = createMemoryStore();
  await store.putReservation(RESERVATION);
  const clock = createFakeClock(Date.parse("2021-07-19T11:10:00Z"));
  const random = seededRandom(2);
  const client = createBookingClient({
    api,
    store,
    clock,
    serverClock: createServerClock(clock),
    random,
    newId: seededIds(random),
  });
  return { client, store };
}

describe("reservation screen actions", () => {
  it("downloads an .ics holding both doses", async () => {
    const { client } = await clientWithReservation();
    const blobs: Blob[] = [];
    vi.spyOn(URL, "createObjectURL").mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return "blob:ics";
    });
    vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => undefined);
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    render(<ReservationScreen client={client} lang="en" t={t} reservationId="r-1" />);
    fireEvent.click(await screen.findByText(en["booking.reservation.addToCalendar"]));
    expect(clicks).toEqual(["vaccination-K7Q-29XD.ics"]);
    const ics = await blobs[0]?.text();
    expect(ics?.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics).toContain("DTSTART:20210720T003000Z");
    expect(ics).toContain("DTSTART:20210831T003000Z");
    expect(blobs[0]?.type).toContain("text/calendar");
  });

  it("shares through the system sheet, or copies when there is none", async () => {
    const { client } = await clientWithReservation();
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, "share", { value: undefined, configurable: true });
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    render(<ReservationScreen client={client} lang="en" t={t} reservationId="r-1" />);
    fireEvent.click(await screen.findByText(en["booking.reservation.share"]));
    await waitFor(() => expect(document.body.textContent).toContain(en["booking.reservation.copied"]));
    const text = (writeText.mock.calls[0] as unknown as [string])[0];
    expect(text).toContain("K7Q-29XD");
    expect(text).toContain("Jung-gu Vaccination Center");

    const share = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, "share", { value: share, configurable: true });
    fireEvent.click(screen.getByText(en["booking.reservation.share"]));
    await waitFor(() => expect(share).toHaveBeenCalledOnce());
  });

  it("shows the stored reservation when the refresh fails offline, with a notice", async () => {
    const getReservation = vi.fn(() => Promise.reject(new Error("offline")));
    const { client } = await clientWithReservation(stubApi({ getReservation }));
    client.setOnline(false);
    render(<ReservationScreen client={client} lang="en" t={t} reservationId="r-1" />);
    const card = await screen.findByTestId("reservation");
    expect(card.dataset.code).toBe("K7Q-29XD");
    expect(screen.getByTestId("notice").dataset.code).toBe("offline");
    expect(getReservation).not.toHaveBeenCalled();
  });

  it("lists the reservations kept on the device", async () => {
    const { client } = await clientWithReservation();
    const onOpen = vi.fn();
    render(<ReservationsList client={client} lang="en" t={t} onOpen={onOpen} />);
    fireEvent.click(await screen.findByText(en["booking.reservation.open"]));
    expect(onOpen).toHaveBeenCalledWith("r-1");
  });
});
