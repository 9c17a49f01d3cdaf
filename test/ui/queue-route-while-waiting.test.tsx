import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { EventsCache } from "../../src/app/events-cache.ts";
import type { Services } from "../../src/app/services.ts";
import type { ApiClient } from "../../src/core/api/types.ts";
import type { BookingClient } from "../../src/core/booking/types.ts";
import type { BookingEvent, EventsResponse } from "../../src/core/contract/types.ts";
import type { QueueView } from "../../src/core/queue/types.ts";
import { interpolate, type Lang, type MessageKey, type MessageParams } from "../../src/i18n/core.ts";
import { en } from "../../src/i18n/en.ts";
import { ko } from "../../src/i18n/ko.ts";
import { AppContext } from "../../src/ui/app/context.ts";
import { QueueRoute } from "../../src/ui/queue/index.ts";
import { baseView, FakeQueueClient } from "./queue-fake-client.ts";

afterEach(cleanup);

const catalogs: Record<Lang, Record<MessageKey, string>> = { ko, en };

const event = (id: string, ko: string, en: string): BookingEvent => ({
  id,
  name: { ko, en },
  opensAt: "2021-07-19T11:00:00.000Z",
  closesAt: "2021-07-20T09:00:00.000Z",
  prequeueOpensAt: null,
  cohort: { birthYearFrom: 1962, birthYearTo: 1966 },
  status: "open",
});
const list: EventsResponse = {
  events: [event("e1", "55~59세 사전예약", "Pre-booking, ages 55-59"), event("e2", "50대", "Fifties")],
  serverTime: "2021-07-19T11:00:05.000Z",
};

type Options = { lang?: Lang; cached?: EventsResponse | null; listFails?: boolean };

function setup(view: QueueView, options: Options = {}) {
  const lang = options.lang ?? "ko";
  const t = (key: MessageKey, params?: MessageParams) => interpolate(catalogs[lang][key] ?? key, params);
  const client = new FakeQueueClient(view);
  let kept = options.cached === undefined ? list : options.cached;
  const eventsCache: EventsCache = {
    load: () => kept,
    save: (r) => {
      kept = r;
    },
  };
  const listEvents = vi.fn(async () => {
    if (options.listFails) throw new Error("offline");
    return { body: list, status: 200, replayed: false };
  });
  const prefetchCatalog = vi.fn(async () => undefined);
  const booking = vi.fn(async () => ({ prefetchCatalog }) as unknown as BookingClient);
  const services = {
    api: { listEvents } as unknown as ApiClient,
    eventsCache,
    queue: async () => client,
    queueIfLoaded: () => client,
    alerts: () => Promise.reject(new Error("no alerts here")),
    booking,
  } as unknown as Services;
  render(
    <AppContext.Provider value={{ services, lang, t, navigate: () => undefined }}>
      <QueueRoute params={{ eventId: "e1" }} query={new URLSearchParams()} />
    </AppContext.Provider>,
  );
  return { client, listEvents, prefetchCatalog, booking, cache: () => kept };
}

describe("waiting room: which line", () => {
  it("names the event from the list the home screen saw, without a request", async () => {
    const { listEvents } = setup(baseView());
    const name = await screen.findByTestId("queue-event");
    expect(name.textContent).toBe("행사: 55~59세 사전예약");
    expect(name.dataset.eventId).toBe("e1");
    expect(listEvents).not.toHaveBeenCalled();
  });

  it("names the ticket's own event in English", async () => {
    setup(baseView({ eventId: "e2" }), { lang: "en" });
    expect((await screen.findByTestId("queue-event")).textContent).toBe("Event: Fifties");
  });

  it("with no saved list (a shared link), asks once for the events and keeps them", async () => {
    const { listEvents, cache } = setup(baseView(), { cached: null });
    expect((await screen.findByTestId("queue-event")).textContent).toBe("행사: 55~59세 사전예약");
    expect(listEvents).toHaveBeenCalledTimes(1);
    expect(cache()).toEqual(list);
  });

  it("without the name (no list, request failed) the waiting room still shows the ticket", async () => {
    const { listEvents } = setup(baseView(), { cached: null, listFails: true });
    await screen.findByTestId("queue");
    await waitFor(() => expect(listEvents).toHaveBeenCalledTimes(1));
    expect(screen.queryByTestId("queue-event")).toBeNull();
  });
});

describe("waiting room: the booking catalog comes while waiting", () => {
  it("is prefetched once, when the ticket is waiting and the device is online", async () => {
    const { client, prefetchCatalog } = setup(baseView({ phase: "joining", ticketId: null }));
    await screen.findByTestId("queue");
    expect(prefetchCatalog).not.toHaveBeenCalled();

    act(() => client.setView({ phase: "waiting", ticketId: "t-1", online: false }));
    expect(prefetchCatalog).not.toHaveBeenCalled();

    act(() => client.setView({ online: true }));
    await waitFor(() => expect(prefetchCatalog).toHaveBeenCalledTimes(1));

    act(() => client.setView({ ahead: 100 }));
    act(() => client.setView({ online: false }));
    act(() => client.setView({ online: true }));
    act(() => client.setView({ phase: "admitted" }));
    await new Promise((r) => setTimeout(r, 20));
    expect(prefetchCatalog).toHaveBeenCalledTimes(1);
  });

  it("is not fetched for a ticket that never waits (pre-queue)", async () => {
    const { booking, prefetchCatalog } = setup(baseView({ phase: "prequeue" }));
    await screen.findByTestId("queue");
    await new Promise((r) => setTimeout(r, 20));
    expect(booking).not.toHaveBeenCalled();
    expect(prefetchCatalog).not.toHaveBeenCalled();
  });
});

describe("waiting room: a new ticket from here", () => {
  it("asks for durable storage first, inside the tap (a shared link's first join)", async () => {
    const order: string[] = [];
    const persist = vi.fn(async () => {
      order.push("persist");
      return true;
    });
    Object.defineProperty(navigator, "storage", { value: { persist }, configurable: true });
    const { client } = setup(baseView({ phase: "expired" }));
    const dismiss = client.dismiss;
    client.dismiss = async () => {
      order.push("dismiss");
      await dismiss();
    };
    fireEvent.click(await screen.findByTestId("new-ticket"));
    await waitFor(() => expect(client.calls).toContain("join:e1"));
    expect(persist).toHaveBeenCalledTimes(1);
    expect(order[0]).toBe("persist");
  });
});
