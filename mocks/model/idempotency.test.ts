import { describe, expect, it } from "vitest";
import { bodyOf, setup, statusOf } from "./test/harness.ts";

const KEY = "3b241101-e2bb-4255-8caf-4136c566a962";

describe("Idempotency-Key on POST", () => {
  it("replays the first answer for the same key, method, path and body", async () => {
    const h = setup();
    const first = await h.call("POST", "/events/c55-59/tickets", { key: KEY });
    h.clock.advance(5000);
    const again = await h.call("POST", "/events/c55-59/tickets", { key: KEY });
    if (first.kind !== "respond" || again.kind !== "respond") throw new Error("expected answers");
    expect(again.status).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    expect(again.headers.date).not.toBe(first.headers.date);
    expect(h.backend.inspect().tickets).toBe(1);
  });

  it("treats JSON bodies equal by meaning, not by key order", async () => {
    const h = setup();
    await h.call("POST", "/events/c55-59/tickets", { key: KEY, body: '{"a":1,"b":2}' });
    const again = await h.call("POST", "/events/c55-59/tickets", { key: KEY, body: '{ "b": 2, "a": 1 }' });
    expect(statusOf(again)).toBe(201);
    expect(again.kind === "respond" && again.headers["idempotent-replayed"]).toBe("true");
  });

  it("refuses the same key on another path or with another body", async () => {
    const h = setup();
    await h.call("POST", "/events/c55-59/tickets", { key: KEY });
    const otherPath = await h.call("POST", "/events/c53-54/tickets", { key: KEY });
    expect([statusOf(otherPath), bodyOf(otherPath).code]).toEqual([422, "idempotency_key_reused"]);
    const otherBody = await h.call("POST", "/events/c55-59/tickets", { key: KEY, body: { x: 1 } });
    expect(bodyOf(otherBody).code).toBe("idempotency_key_reused");
  });

  it("does not remember errors: the key is free again after a failure", async () => {
    const h = setup();
    const refused = await h.call("POST", "/events/c50-52/tickets", { key: KEY });
    expect(bodyOf(refused).code).toBe("queue_not_open");
    const retried = await h.call("POST", "/events/c55-59/tickets", { key: KEY });
    expect(statusOf(retried)).toBe(201);
  });

  it("forgets successes after 24 hours", async () => {
    const h = setup();
    await h.call("POST", "/events/c55-59/tickets", { key: KEY });
    h.clock.advance(24 * 3600_000);
    const later = await h.call("POST", "/events/c53-54/tickets", { key: KEY });
    expect(statusOf(later)).toBe(201);
  });

  it("requires a UUID key", async () => {
    const h = setup();
    for (const key of [null, "", "not-a-uuid", "3b241101e2bb42558caf4136c566a962"]) {
      const out = await h.call("POST", "/events/c55-59/tickets", { key });
      expect(statusOf(out)).toBe(422);
      expect(bodyOf(out)).toMatchObject({
        code: "validation_failed",
        errors: [{ field: "Idempotency-Key" }],
      });
    }
    expect(h.backend.inspect().tickets).toBe(0);
  });
});
