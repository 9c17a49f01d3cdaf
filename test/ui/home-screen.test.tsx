import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { EventsCache } from "../../src/app/events-cache.ts";
import type { Services } from "../../src/app/services.ts";
import { type ApiClient, ApiError } from "../../src/core/api/types.ts";
import type { BookingEvent, EventsResponse } from "../../src/core/contract/types.ts";
import type { QueueClient } from "../../src/core/queue/types.ts";
import type { Store } from "../../src/core/store/types.ts";
import { loadTranslator } from "../../src/i18n/runtime.ts";
import { AppContext } from "../../src/ui/app/context.ts";
import { HomeScreen } from "../../src/ui/app/HomeScreen.tsx";
import { ONLINE_SPREAD_MS } from "../../src/ui/app/use-events.ts";
import { createFakeClock, type FakeClock } from "../support/fake-clock.ts";

afterEach(cleanup);

const event = (id: string, status: BookingEvent["status"]): BookingEvent => ({
  id,
  name: { ko: `${id} 사전예약`, en: `Pre-booking ${id}` },
  // 20:00 in Seoul.
  opensAt: "2021-07-19T11:00:00.000Z",
  closesAt: "2021-07-20T09:00:00.000Z",
  prequeueOpensAt: "2021-07-19T10:00:00.000Z",
  cohort: { birthYearFrom: 1962, birthYearTo: 1966 },
  status,
});

const events: EventsResponse = {
  events: [
    event("open", "open"),
    event("pre", "prequeue"),
    event("soon", "upcoming"),
    event("done", "closed"),
  ],
  serverTime: "2021-07-19T11:00:05.000Z",
};

function fakeServices(
  listEvents: ApiClient["listEvents"],
  join = vi.fn(async () => undefined),
  saved: EventsResponse | null = null,
  clock: FakeClock = createFakeClock(Date.parse("2021-07-19T11:00:05Z")),
  random: () => number = () => 0.5,
) {
  const store = { getActiveTicket: async () => null } as unknown as Store;
  const queue = { join } as unknown as QueueClient;
  let kept = saved;
  const eventsCache: EventsCache = {
    load: () => kept,
    save: (r) => {
      kept = r;
    },
  };
  return {
    api: { listEvents } as unknown as ApiClient,
    eventsCache,
    store: async () => store,
    queue: async () => queue,
    demo: false,
    clock,
    random,
  } as unknown as Services;
}

async function renderHome(services: Services, lang: "ko" | "en" = "ko") {
  const t = await loadTranslator(lang);
  const navigate = vi.fn();
  render(
    <AppContext.Provider value={{ services, lang, t, navigate }}>
      <HomeScreen />
    </AppContext.Provider>,
  );
  return { navigate };
}

describe("home screen", () => {
  it("lists the events with their status and Seoul times, and a join button only while joinable", async () => {
    await renderHome(fakeServices(async () => ({ body: events, status: 200, replayed: false })));
    await screen.findByTestId("events");
    const joins = screen.getAllByTestId("join");
    expect(joins.map((b) => b.getAttribute("data-event-id"))).toEqual(["open", "pre"]);
    expect(screen.getByText("open 사전예약")).toBeTruthy();
    expect(screen.getAllByText("진행 중")).toHaveLength(1);
    expect(screen.getAllByText(/시작 7월 19일.* 8:00/)).toHaveLength(4);
  });

  it("joins through the queue client and goes to the waiting room", async () => {
    const join = vi.fn(async () => undefined);
    const { navigate } = await renderHome(
      fakeServices(async () => ({ body: events, status: 200, replayed: false }), join),
    );
    fireEvent.click((await screen.findAllByTestId("join"))[1] as HTMLElement);
    expect(navigate).toHaveBeenCalledWith("/queue/pre");
    await waitFor(() => expect(join).toHaveBeenCalledWith("pre"));
  });

  it("holds 'Try again' for the server's Retry-After, counting down, then recovers", async () => {
    const clock = createFakeClock(Date.parse("2021-07-19T11:00:05Z"));
    const listEvents = vi
      .fn<ApiClient["listEvents"]>()
      .mockRejectedValueOnce(
        new ApiError({
          kind: "http",
          status: 503,
          problem: { type: "about:blank", title: "busy", status: 503, code: "overloaded" },
          retryAfterMs: 5000,
        }),
      )
      .mockResolvedValue({ body: events, status: 200, replayed: false });
    await renderHome(fakeServices(listEvents, undefined, null, clock), "en");
    const notice = await screen.findByTestId("notice");
    expect(notice.getAttribute("data-code")).toBe("overloaded");
    expect(notice.textContent).toContain("The server is very busy");
    const button = () => notice.querySelector("button") as HTMLButtonElement;
    await waitFor(() => expect(button().textContent).toBe("Try again in 5 s"));
    expect(button().disabled).toBe(true);
    // A tap inside the Retry-After sends nothing (the old screen re-sent at once).
    fireEvent.click(button());
    await act(async () => {
      await clock.advance(3000);
    });
    expect(button().textContent).toBe("Try again in 2 s");
    fireEvent.click(button());
    expect(listEvents).toHaveBeenCalledTimes(1);
    await act(async () => {
      await clock.advance(2000);
    });
    expect(button().textContent).toBe("Try again");
    expect(button().disabled).toBe(false);
    fireEvent.click(button());
    await screen.findByTestId("events");
    expect(screen.queryByTestId("notice")).toBeNull();
    expect(listEvents).toHaveBeenCalledTimes(2);
  });

  it("back online, re-fetches after a random 0–ONLINE_SPREAD_MS, not at once", async () => {
    const clock = createFakeClock(Date.parse("2021-07-19T11:00:05Z"));
    const offline = new ApiError({ kind: "network", message: "fetch failed" });
    const listEvents = vi
      .fn<ApiClient["listEvents"]>()
      .mockRejectedValueOnce(offline)
      .mockResolvedValue({ body: events, status: 200, replayed: false });
    await renderHome(
      fakeServices(listEvents, undefined, null, clock, () => 0.6),
      "en",
    );
    await screen.findByTestId("notice");
    dispatchEvent(new Event("online"));
    await act(async () => {
      await clock.advance(0.6 * ONLINE_SPREAD_MS - 1);
    });
    expect(listEvents).toHaveBeenCalledTimes(1);
    await act(async () => {
      await clock.advance(1);
    });
    await screen.findByTestId("events");
    expect(listEvents).toHaveBeenCalledTimes(2);
  });

  it("back online inside a Retry-After, waits for it first", async () => {
    const clock = createFakeClock(Date.parse("2021-07-19T11:00:05Z"));
    const busy = new ApiError({
      kind: "http",
      status: 429,
      problem: { type: "about:blank", title: "slow down", status: 429, code: "rate_limited" },
      retryAfterMs: 30_000,
    });
    const listEvents = vi
      .fn<ApiClient["listEvents"]>()
      .mockRejectedValueOnce(busy)
      .mockResolvedValue({ body: events, status: 200, replayed: false });
    await renderHome(
      fakeServices(listEvents, undefined, null, clock, () => 0),
      "en",
    );
    await screen.findByTestId("notice");
    dispatchEvent(new Event("online"));
    await act(async () => {
      await clock.advance(29_999);
    });
    expect(listEvents).toHaveBeenCalledTimes(1);
    await act(async () => {
      await clock.advance(1);
    });
    await screen.findByTestId("events");
    expect(listEvents).toHaveBeenCalledTimes(2);
  });

  it("says something general for a problem code it does not know", async () => {
    const unknown = new ApiError({
      kind: "http",
      status: 418,
      problem: { type: "about:blank", title: "?", status: 418, code: "teapot" },
      retryAfterMs: null,
    });
    await renderHome(fakeServices(async () => Promise.reject(unknown)));
    const notice = await screen.findByTestId("notice");
    expect(notice.getAttribute("data-code")).toBe("teapot");
    expect(notice.textContent).toContain("문제가 생겼습니다");
  });

  it("offline, shows the last list seen with its time, beside the notice", async () => {
    const offline = new ApiError({ kind: "network", message: "fetch failed" });
    await renderHome(fakeServices(async () => Promise.reject(offline), undefined, events));
    const notice = await screen.findByTestId("notice");
    expect(notice.getAttribute("data-code")).toBe("network");
    expect(screen.getAllByTestId("join")).toHaveLength(2);
    expect(screen.getByText(/7월 19일.* 8:00 기준/)).toBeTruthy();
  });
});
