import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { EventsCache } from "../../src/app/events-cache.ts";
import { createRouter } from "../../src/app/router.ts";
import { routes } from "../../src/app/routes.ts";
import type { Services } from "../../src/app/services.ts";
import type { ApiClient } from "../../src/core/api/types.ts";
import type { EventsResponse } from "../../src/core/contract/types.ts";
import { createMemoryStore } from "../../src/core/store/memory-store.ts";
import type { Store } from "../../src/core/store/types.ts";
import type { Lang } from "../../src/i18n/core.ts";
import { loadTranslator } from "../../src/i18n/runtime.ts";
import { App } from "../../src/ui/app/App.tsx";
import { AppContext } from "../../src/ui/app/context.ts";
import { ScreenBoundary } from "../../src/ui/app/ScreenBoundary.tsx";
import { createFakeClock } from "../support/fake-clock.ts";

afterEach(() => {
  cleanup();
  history.replaceState(null, "", "/");
});

const empty: EventsResponse = { events: [], serverTime: "2021-07-19T11:00:05.000Z" };

/** A store whose writes are all spied on: the boundary must make none. */
function spiedStore(): Store {
  const store = createMemoryStore();
  for (const name of [
    "putTicket",
    "deleteTicket",
    "putDraft",
    "deleteDraft",
    "putReservation",
    "putPreferences",
  ] as const)
    vi.spyOn(store, name);
  return store;
}

function services(listEvents: ApiClient["listEvents"], store: Store): Services {
  const eventsCache: EventsCache = { load: () => null, save: () => undefined };
  return {
    api: { listEvents } as unknown as ApiClient,
    eventsCache,
    store: async () => store,
    clock: createFakeClock(Date.parse("2021-07-19T11:00:05Z")),
    random: () => 0.5,
    demo: false,
  } as unknown as Services;
}

async function renderApp(listEvents: ApiClient["listEvents"], store: Store, lang: Lang = "en") {
  const t = await loadTranslator(lang);
  const router = createRouter(routes);
  const result = render(
    <App
      services={services(listEvents, store)}
      router={router}
      initial={{ lang, t }}
      onLangChange={() => undefined}
      pwa={null}
    />,
  );
  return { router, ...result };
}

describe("an error boundary per route", () => {
  it("a screen that throws shows a notice with a way forward, not a blank page, and writes nothing", async () => {
    const store = spiedStore();
    // A bug in a screen's code: the home screen's effect calls something that is not there.
    const broken = (() => {
      throw new TypeError("listEvents is broken");
    }) as unknown as ApiClient["listEvents"];
    await renderApp(broken, store);
    const notice = await screen.findByTestId("notice");
    expect(notice.getAttribute("data-code")).toBe("screen_error");
    expect(notice.textContent).toContain("Your place in line and your bookings are safe");
    expect(screen.getByText("Try again")).toBeTruthy();
    expect(screen.getByText("Go to the start")).toBeTruthy();
    // The shell (header, skip link) is still there.
    expect(screen.getByText("Skip to content")).toBeTruthy();
    for (const write of [store.putTicket, store.deleteTicket, store.putDraft, store.deleteDraft])
      expect(write).not.toHaveBeenCalled();
  });

  it("'Try again' draws the screen afresh, and it recovers", async () => {
    // A render-time throw, once.
    let renders = 0;
    function Fragile() {
      renders += 1;
      if (renders === 1) throw new Error("render bug");
      return <p>drawn</p>;
    }
    const t = await loadTranslator("ko");
    render(
      <AppContext.Provider
        value={{
          services: services(async () => ({ body: empty, status: 200, replayed: false }), spiedStore()),
          lang: "ko",
          t,
          navigate: () => undefined,
        }}
      >
        <ScreenBoundary>
          <Fragile />
        </ScreenBoundary>
      </AppContext.Provider>,
    );
    const notice = await screen.findByTestId("notice");
    expect(notice.getAttribute("data-code")).toBe("screen_error");
    expect(notice.textContent).toContain("대기 순서와 예약은 이 기기에 그대로");
    fireEvent.click(screen.getByText("다시 시도"));
    await screen.findByText("drawn");
    expect(screen.queryByTestId("notice")).toBeNull();
  });

  it("'Go to the start' navigates home", async () => {
    function Broken(): never {
      throw new Error("render bug");
    }
    const navigate = vi.fn();
    const t = await loadTranslator("en");
    render(
      <AppContext.Provider
        value={{
          services: services(async () => ({ body: empty, status: 200, replayed: false }), spiedStore()),
          lang: "en",
          t,
          navigate,
        }}
      >
        <ScreenBoundary>
          <Broken />
        </ScreenBoundary>
      </AppContext.Provider>,
    );
    fireEvent.click(await screen.findByText("Go to the start"));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/"));
  });
});
