import { cleanup, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { EventsCache } from "../../src/app/events-cache.ts";
import { createRouter } from "../../src/app/router.ts";
import { routes } from "../../src/app/routes.ts";
import type { Services } from "../../src/app/services.ts";
import type { ApiClient } from "../../src/core/api/types.ts";
import { createMemoryStore } from "../../src/core/store/memory-store.ts";
import { loadTranslator } from "../../src/i18n/runtime.ts";
import type { PwaController, PwaState } from "../../src/pwa/types.ts";
import { App } from "../../src/ui/app/App.tsx";
import { createFakeClock } from "../support/fake-clock.ts";

afterEach(cleanup);

function controller(state: PwaState): PwaController {
  return {
    getState: () => state,
    subscribe: () => () => undefined,
    acceptUpdate: vi.fn(),
    applyUpdateNow: vi.fn(),
    dismissUpdate: vi.fn(),
    checkDeferred: vi.fn(),
    install: vi.fn(async () => undefined),
    dismissIosHint: vi.fn(),
  };
}

async function renderApp(pwa: PwaController | null) {
  const store = createMemoryStore();
  const eventsCache: EventsCache = { load: () => null, save: () => undefined };
  const services = {
    api: {
      listEvents: async () => ({
        body: { events: [], serverTime: "2021-07-19T11:00:05.000Z" },
        status: 200,
        replayed: false,
      }),
    } as unknown as ApiClient,
    eventsCache,
    store: async () => store,
    clock: createFakeClock(Date.parse("2021-07-19T11:00:05Z")),
    random: () => 0.5,
    demo: false,
  } as unknown as Services;
  const t = await loadTranslator("en");
  render(
    <App
      services={services}
      router={createRouter(routes)}
      initial={{ lang: "en", t }}
      onLangChange={() => undefined}
      pwa={pwa}
    />,
  );
}

// The prompts and their words load once the service-worker side has, off the first screen.
describe("install and update prompts, loaded lazily", () => {
  it("appear with their words once the controller is there", async () => {
    await renderApp(controller({ update: "ready", canInstall: true, iosHint: false }));
    const prompt = await screen.findByTestId("update-ready");
    expect(prompt.textContent).toContain("A new version is ready.");
    expect((await screen.findByTestId("install")).textContent).toBe("Install on home screen");
  });

  it("are not drawn without a controller", async () => {
    await renderApp(null);
    await screen.findByText("There are no booking events right now.");
    expect(screen.queryByTestId("update-ready")).toBeNull();
    expect(screen.queryByTestId("install")).toBeNull();
  });
});
