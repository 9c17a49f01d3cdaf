import { describe, expect, it } from "vitest";
import { createModelFetch } from "./fetch.ts";
import { createBackend } from "./model/index.ts";
import { manualClock } from "./model/test/harness.ts";

function setupFetch() {
  const clock = manualClock();
  const backend = createBackend({ now: clock.now });
  return { backend, fetch: createModelFetch(backend) };
}

describe("createModelFetch", () => {
  it("answers like a server", async () => {
    const { fetch } = setupFetch();
    const res = await fetch("/api/v1/time");
    expect(res.status).toBe(200);
    expect(res.headers.get("date")).toMatch(/GMT$/);
    expect(await res.json()).toHaveProperty("serverTime");
  });

  it("sends the body and headers through", async () => {
    const { fetch, backend } = setupFetch();
    const res = await fetch("http://localhost/api/v1/events/c55-59/tickets", {
      method: "POST",
      headers: { "Idempotency-Key": "3b241101-e2bb-4255-8caf-4136c566a962" },
    });
    expect(res.status).toBe(201);
    expect(backend.inspect().tickets).toBe(1);
  });

  it("rejects a dropped connection with TypeError", async () => {
    const { fetch, backend } = setupFetch();
    backend.faults.once({ path: "/time" }, { kind: "drop" });
    await expect(fetch("/api/v1/time")).rejects.toThrow(TypeError);
  });

  it("keeps a hang pending until the signal aborts", async () => {
    const { fetch, backend } = setupFetch();
    backend.faults.once({}, { kind: "hang" });
    const controller = new AbortController();
    const pending = fetch("/api/v1/time", { signal: controller.signal });
    const reason = new Error("timed out");
    const settled = expect(pending).rejects.toBe(reason);
    controller.abort(reason);
    await settled;
  });

  it("errors while reading a cut body", async () => {
    const { fetch, backend } = setupFetch();
    backend.faults.once({}, { kind: "cut" });
    const res = await fetch("/api/v1/events");
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });
});
