import { describe, expect, it } from "vitest";
import type { JoinResponse, QueueStatus } from "../../src/core/contract/types.ts";
import { createBackend } from "./index.ts";
import { bodyOf, manualClock, setup } from "./test/harness.ts";

const KEY = "3b241101-e2bb-4255-8caf-4136c566a962";

describe("snapshot and restore", () => {
  it("restores tickets, tokens, idempotency, scenario and the random sequence", async () => {
    const h = setup({ scenario: "bounce", seed: 42, speed: 2 });
    const joined = bodyOf<JoinResponse>(await h.call("POST", "/events/c55-59/tickets", { key: KEY }));
    const snapshot = h.backend.snapshot();

    const clock = manualClock(h.clock.now());
    const restored = createBackend({ snapshot, now: clock.now });
    expect(restored.scenario).toBe("bounce");
    expect(restored.inspect()).toEqual(h.backend.inspect());

    const url = `/api/v1/events/c55-59/tickets/${joined.ticket.id}`;
    const read = await restored.handle({
      method: "GET",
      url,
      headers: { authorization: `Bearer ${joined.ticket.token}` },
      body: null,
    });
    expect(bodyOf<QueueStatus>(read).number).toBe(joined.status.number);

    const replay = await restored.handle({
      method: "POST",
      url: "/api/v1/events/c55-59/tickets",
      headers: { "idempotency-key": KEY },
      body: null,
    });
    expect(replay.kind === "respond" && replay.headers["idempotent-replayed"]).toBe("true");

    // Same random state: the next new ticket gets the same id from the original and a fresh restore.
    const again = createBackend({ snapshot, now: clock.now });
    h.clock.set(clock.now());
    const a = bodyOf<JoinResponse>(await h.call("POST", "/events/c55-59/tickets"));
    const b = bodyOf<JoinResponse>(
      await again.handle({
        method: "POST",
        url: "/api/v1/events/c55-59/tickets",
        headers: { "idempotency-key": "00000000-0000-4000-8000-00000000ffff" },
        body: null,
      }),
    );
    expect(b.ticket.id).not.toBe(joined.ticket.id);
    expect(a.ticket.id).toBe(b.ticket.id);
  });

  it("load() replaces the state of a running backend", async () => {
    const h = setup();
    await h.call("POST", "/events/c55-59/tickets");
    const other = setup({ scenario: "closed" });
    other.backend.load(h.backend.snapshot());
    expect(other.backend.scenario).toBe("calm");
    expect(other.backend.inspect().tickets).toBe(1);
  });

  it("rejects a string that is not a snapshot", () => {
    expect(() => createBackend({ snapshot: '{"hello":1}' })).toThrow();
  });
});
