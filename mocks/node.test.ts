import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "./model/test/harness.ts";
import { createNodeMock } from "./node.ts";

const clock = manualClock();
const { backend, server } = createNodeMock({ scenario: "calm", now: clock.now });

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

describe("createNodeMock (MSW in Node)", () => {
  it("serves the model for any origin's /api/v1", async () => {
    const res = await fetch("http://app.test/api/v1/events");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { events: unknown[] };
    expect(body.events).toHaveLength(3);
    expect(res.headers.get("date")).toBe(new Date(clock.now()).toUTCString());
  });

  it("maps a drop to a network error and a cut to a body that fails", async () => {
    backend.faults.once({}, { kind: "drop" });
    await expect(fetch("http://app.test/api/v1/time")).rejects.toThrow(TypeError);
    backend.faults.once({}, { kind: "cut" });
    const res = await fetch("http://app.test/api/v1/events");
    await expect(res.text()).rejects.toThrow();
  });

  it("answers 204 with no body", async () => {
    const join = await fetch("http://app.test/api/v1/events/c55-59/tickets", {
      method: "POST",
      headers: { "idempotency-key": "3b241101-e2bb-4255-8caf-4136c566a962" },
    });
    const { ticket } = (await join.json()) as { ticket: { id: string; token: string } };
    const left = await fetch(`http://app.test/api/v1/events/c55-59/tickets/${ticket.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${ticket.token}` },
    });
    expect(left.status).toBe(204);
    expect(await left.text()).toBe("");
  });
});
