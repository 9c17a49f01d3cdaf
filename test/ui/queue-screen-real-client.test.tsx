import { act, cleanup, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import type { Services } from "../../src/app/services.ts";
import { interpolate, type MessageKey, type MessageParams } from "../../src/i18n/core.ts";
import { en } from "../../src/i18n/en.ts";
import { AppContext } from "../../src/ui/app/context.ts";
import { QueueScreen } from "../../src/ui/queue/index.ts";
import { createHarness } from "../support/queue-harness.ts";

const t = (key: MessageKey, params?: MessageParams) => interpolate(en[key] ?? key, params);

afterEach(() => cleanup());

/** The screen over the real queue client and the mock backend (fake time): the hooks follow the view. */
describe("QueueScreen with the real queue client", () => {
  it("goes from joining to waiting to admitted, with the hooks kept current", {
    timeout: 60_000,
  }, async () => {
    const h = createHarness({ scenario: "calm", seed: 3 });
    const { client } = h.newClient();
    await client.resume();
    render(
      <AppContext.Provider value={{ services: {} as Services, lang: "en", t, navigate: () => undefined }}>
        <QueueScreen
          client={client}
          eventId="c55-59"
          alerts={null}
          lang="en"
          t={t}
          onStartBooking={() => undefined}
          onHome={() => undefined}
        />
      </AppContext.Provider>,
    );
    const queue = () => screen.getByTestId("queue");
    const flush = () => act(async () => {});

    const joining = client.join("c55-59");
    await flush();
    expect(queue().dataset.state).toBe("joining");
    expect(queue().dataset.ticketId).toBe("");
    await joining;

    await h.runUntil(
      () => client.getView().phase === "waiting" && client.getView().ahead !== null,
      10 * 60_000,
    );
    await flush();
    expect(queue().dataset.state).toBe("waiting");
    expect(queue().dataset.ticketId).toBe(client.getView().ticketId);
    expect(queue().dataset.number).toBe(String(client.getView().number));
    expect(queue().dataset.ahead).toBe(String(client.getView().ahead));
    expect(queue().dataset.online).toBe("true");
    expect(screen.getByRole("progressbar")).toBeTruthy();

    const admitted = await h.runUntil(() => client.getView().phase === "admitted", 60 * 60_000);
    expect(admitted).toBe(true);
    await flush();
    expect(queue().dataset.state).toBe("admitted");
    expect(screen.getByTestId("start-booking")).toBeTruthy();
    client.stop();
  });
});
