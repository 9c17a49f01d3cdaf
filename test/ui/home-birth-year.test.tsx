import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { EventsCache } from "../../src/app/events-cache.ts";
import type { Services } from "../../src/app/services.ts";
import type { ApiClient } from "../../src/core/api/types.ts";
import type { BookingEvent, EventsResponse } from "../../src/core/contract/types.ts";
import type { QueueClient } from "../../src/core/queue/types.ts";
import { createMemoryStore } from "../../src/core/store/memory-store.ts";
import type { Store } from "../../src/core/store/types.ts";
import { loadTranslator } from "../../src/i18n/runtime.ts";
import { AppContext } from "../../src/ui/app/context.ts";
import { HomeScreen } from "../../src/ui/app/HomeScreen.tsx";

afterEach(cleanup);

const event = (id: string, from: number, to: number, status: BookingEvent["status"]): BookingEvent => ({
  id,
  name: { ko: `${id} 사전예약`, en: `Pre-booking ${id}` },
  opensAt: "2021-07-19T11:00:00.000Z",
  closesAt: "2021-07-20T09:00:00.000Z",
  prequeueOpensAt: null,
  cohort: { birthYearFrom: from, birthYearTo: to },
  status,
});

const list: EventsResponse = {
  events: [
    event("c18-49", 1972, 2003, "upcoming"),
    event("c50-54", 1967, 1971, "prequeue"),
    event("c55-59", 1962, 1966, "open"),
  ],
  serverTime: "2021-07-19T11:00:05.000Z",
};

async function renderHome(store: Store, lang: "ko" | "en" = "ko") {
  const join = vi.fn(async () => undefined);
  const eventsCache: EventsCache = { load: () => null, save: () => undefined };
  const services = {
    api: { listEvents: async () => ({ body: list, status: 200, replayed: false }) } as unknown as ApiClient,
    eventsCache,
    store: async () => store,
    queue: async () => ({ join }) as unknown as QueueClient,
    demo: false,
  } as unknown as Services;
  const t = await loadTranslator(lang);
  const navigate = vi.fn();
  render(
    <AppContext.Provider value={{ services, lang, t, navigate }}>
      <HomeScreen />
    </AppContext.Provider>,
  );
  await screen.findByTestId("birth-year");
  return { join, navigate };
}

const card = (id: string) => document.getElementById(`event-${id}`) as HTMLElement;
const joinButton = (id: string) =>
  screen.getAllByTestId("join").find((b) => b.dataset.eventId === id) as HTMLElement;

function enterYear(year: string) {
  fireEvent.input(screen.getByTestId("birth-year"), { target: { value: year } });
  fireEvent.click(screen.getByTestId("birth-year-submit"));
}

describe("home: birth year before queueing", () => {
  it("steers to the event of the cohort: highlights it, moves focus to its join button, remembers the year", async () => {
    const store = createMemoryStore();
    await renderHome(store);
    expect(document.querySelectorAll(".event.mine")).toHaveLength(0);

    enterYear("1964");
    await waitFor(() => expect(document.activeElement).toBe(joinButton("c55-59")));
    expect([...document.querySelectorAll(".event.mine")]).toEqual([card("c55-59")]);
    expect(card("c55-59").textContent).toContain("내 연령대");
    await waitFor(async () => expect((await store.getPreferences()).birthYear).toBe(1964));

    // Another year steers again, to a line that is in pre-queue.
    enterYear("1969");
    await waitFor(() => expect(document.activeElement).toBe(joinButton("c50-54")));
    expect([...document.querySelectorAll(".event.mine")]).toEqual([card("c50-54")]);
  });

  it("steers to a line not open yet by focusing its card (there is no join button to focus)", async () => {
    await renderHome(createMemoryStore(), "en");
    enterYear("1980");
    await waitFor(() => expect(document.activeElement).toBe(card("c18-49")));
    expect(card("c18-49").textContent).toContain("Your age group");
  });

  it("prefills the remembered year and highlights its event without moving focus", async () => {
    const store = createMemoryStore();
    await store.putPreferences({ ...(await store.getPreferences()), birthYear: 1965 });
    await renderHome(store);
    await waitFor(() => expect((screen.getByTestId("birth-year") as HTMLInputElement).value).toBe("1965"));
    expect([...document.querySelectorAll(".event.mine")]).toEqual([card("c55-59")]);
    expect(document.activeElement).not.toBe(joinButton("c55-59"));
  });

  it("warns when the year is in no cohort, and asks again for a malformed year", async () => {
    await renderHome(createMemoryStore());
    enterYear("1950");
    const notice = await screen.findByTestId("notice");
    expect(notice.dataset.code).toBe("not_in_cohort");
    expect(notice.textContent).toContain("1950년생은 지금 예약 대상이 아닙니다");
    expect(document.querySelectorAll(".event.mine")).toHaveLength(0);

    enterYear("50");
    expect(screen.getByTestId("birth-year").getAttribute("aria-invalid")).toBe("true");
    expect(screen.queryByTestId("notice")).toBeNull();
  });

  it("joining a line the remembered year is not in warns first, and a second tap joins anyway", async () => {
    const store = createMemoryStore();
    await store.putPreferences({ ...(await store.getPreferences()), birthYear: 1964 });
    const { join, navigate } = await renderHome(store);
    await waitFor(() => expect(card("c55-59").classList.contains("mine")).toBe(true));

    fireEvent.click(joinButton("c50-54"));
    const warning = await screen.findByTestId("notice");
    expect(warning.dataset.code).toBe("cohort_mismatch");
    expect(warning.getAttribute("role")).toBe("alert");
    expect(warning.textContent).toBe("1964년생은 이 줄(1967~1971년생)에서 예약할 수 없습니다.");
    expect(card("c50-54").contains(warning)).toBe(true);
    expect(joinButton("c50-54").textContent).toBe("그래도 줄 서기");
    expect(navigate).not.toHaveBeenCalled();
    expect(join).not.toHaveBeenCalled();

    fireEvent.click(joinButton("c50-54"));
    expect(navigate).toHaveBeenCalledWith("/queue/c50-54");
    await waitFor(() => expect(join).toHaveBeenCalledWith("c50-54"));
  });

  it("joins the line of the year at once, without a warning", async () => {
    const { join, navigate } = await renderHome(createMemoryStore());
    enterYear("1962");
    await waitFor(() => expect(document.activeElement).toBe(joinButton("c55-59")));
    fireEvent.click(joinButton("c55-59"));
    expect(screen.queryByTestId("notice")).toBeNull();
    expect(navigate).toHaveBeenCalledWith("/queue/c55-59");
    await waitFor(() => expect(join).toHaveBeenCalledWith("c55-59"));
  });
});
