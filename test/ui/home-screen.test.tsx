import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
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

  it("shows the problem as a notice with a retry, and recovers", async () => {
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
    await renderHome(fakeServices(listEvents), "en");
    const notice = await screen.findByTestId("notice");
    expect(notice.getAttribute("data-code")).toBe("overloaded");
    expect(notice.textContent).toContain("The server is very busy");
    fireEvent.click(screen.getByText("Try again"));
    await screen.findByTestId("events");
    expect(screen.queryByTestId("notice")).toBeNull();
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
