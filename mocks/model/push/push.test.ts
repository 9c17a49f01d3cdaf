import { describe, expect, it } from "vitest";
import { bodyOf, setup, statusOf } from "../test/harness.ts";

type Joined = { ticket: { id: string; token: string }; status: { etaSeconds: number; ahead: number } };

const subscription = (endpoint = "https://push.example/send/abc") => ({
  endpoint,
  expirationTime: null,
  keys: {
    p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
    auth: "tBHItJI5svbpez7KI4CCXg",
  },
});

async function joined(h: ReturnType<typeof setup>, eventId = "c55-59") {
  const join = bodyOf<Joined>(await h.call("POST", `/events/${eventId}/tickets`));
  const path = `/events/${eventId}/tickets/${join.ticket.id}`;
  return { ...join, path, token: join.ticket.token };
}

describe("push subscriptions and the outbox (contract v1.1)", () => {
  it("sends near-front at once when already close, admitted at admission, then forgets", async () => {
    const h = setup({ scenario: "calm" });
    const t = await joined(h);
    expect(t.status.etaSeconds).toBeLessThanOrEqual(180);
    const put = await h.call("PUT", `${t.path}/push`, {
      token: t.token,
      body: { subscription: subscription(), lang: "en" },
    });
    expect(statusOf(put)).toBe(204);

    const first = await h.backend.takeDuePush();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      lang: "en",
      urgency: "high",
      ttlSeconds: t.status.etaSeconds,
      subscription: { endpoint: "https://push.example/send/abc" },
      payload: {
        type: "near-front",
        eventId: "c55-59",
        ticketId: t.ticket.id,
        etaSeconds: t.status.etaSeconds,
      },
    });
    expect(await h.backend.takeDuePush()).toEqual([]);

    h.clock.advance((t.status.etaSeconds + 1) * 1000);
    const second = await h.backend.takeDuePush();
    expect(second).toHaveLength(1);
    const admitted = second[0];
    expect(admitted?.payload).toEqual({
      type: "admitted",
      eventId: "c55-59",
      ticketId: t.ticket.id,
      expiresAt: expect.stringMatching(/\+09:00$/),
    });
    expect(admitted?.ttlSeconds).toBeGreaterThan(590);
    expect(admitted?.ttlSeconds).toBeLessThanOrEqual(600);
    // No token or personal data: the client reads its status to get the admission.
    expect(JSON.stringify(admitted?.payload)).not.toMatch(/token/i);
    expect(await h.backend.takeDuePush()).toEqual([]);
    // Admitted is no longer waiting: a new subscription is refused.
    const again = await h.call("PUT", `${t.path}/push`, {
      token: t.token,
      body: { subscription: subscription() },
    });
    expect(statusOf(again)).toBe(409);
    expect(bodyOf(again)).toMatchObject({ code: "ticket_ended" });
  });

  it("sends near-front once, when the ETA first falls to 180 s", async () => {
    const h = setup({ scenario: "opening-surge" });
    const t = await joined(h);
    expect(t.status.etaSeconds).toBeGreaterThan(400);
    await h.call("PUT", `${t.path}/push`, { token: t.token, body: { subscription: subscription() } });
    h.clock.advance((t.status.etaSeconds - 200) * 1000);
    expect(await h.backend.takeDuePush()).toEqual([]);
    h.clock.advance(25_000);
    const due = await h.backend.takeDuePush();
    expect(due.map((m) => m.payload.type)).toEqual(["near-front"]);
    expect(due[0]?.ttlSeconds).toBeLessThanOrEqual(180);
    expect(due[0]?.payload).toMatchObject({ etaSeconds: due[0]?.ttlSeconds });
    // Replacing the subscription does not earn a second heads-up.
    await h.call("PUT", `${t.path}/push`, {
      token: t.token,
      body: { subscription: subscription("https://push.example/2") },
    });
    h.clock.advance(10_000);
    expect(await h.backend.takeDuePush()).toEqual([]);
  });

  it("forgets the subscription on DELETE and when the ticket is left", async () => {
    const h = setup({ scenario: "opening-surge" });
    const a = await joined(h);
    const b = await joined(h);
    for (const t of [a, b]) {
      await h.call("PUT", `${t.path}/push`, { token: t.token, body: { subscription: subscription() } });
    }
    expect(statusOf(await h.call("DELETE", `${a.path}/push`, { token: a.token }))).toBe(204);
    expect(statusOf(await h.call("DELETE", `${a.path}/push`, { token: a.token }))).toBe(204);
    expect(statusOf(await h.call("DELETE", b.path, { token: b.token }))).toBe(204);
    // An ended ticket: DELETE is still 204, PUT is 409.
    expect(statusOf(await h.call("DELETE", `${b.path}/push`, { token: b.token }))).toBe(204);
    h.clock.advance((Math.max(a.status.etaSeconds, b.status.etaSeconds) + 1) * 1000);
    expect(await h.backend.takeDuePush()).toEqual([]);
  });

  it("refuses bad subscriptions (422), bad tokens (401)", async () => {
    const h = setup({ scenario: "calm" });
    const t = await joined(h);
    const put = (body: unknown) => h.call("PUT", `${t.path}/push`, { token: t.token, body });
    const bad = [
      { subscription: subscription("/relative") },
      { subscription: subscription("http://push.example/plain-http") },
      { subscription: { endpoint: "https://push.example/x", keys: { auth: "tBHItJI5svbpez7KI4CCXg" } } },
      { subscription: { endpoint: "https://push.example/x", keys: { p256dh: "BNcR" } } },
      { subscription: subscription(), lang: "fr" },
      {},
    ];
    for (const body of bad) {
      const answer = await put(body);
      expect(statusOf(answer), JSON.stringify(body)).toBe(422);
      expect(bodyOf(answer)).toMatchObject({ code: "validation_failed" });
    }
    expect(statusOf(await put({ subscription: subscription("http://127.0.0.1:9/push") }))).toBe(204);
    const wrong = await h.call("PUT", `${t.path}/push`, {
      token: `${t.token}x`,
      body: { subscription: subscription() },
    });
    expect(statusOf(wrong)).toBe(401);
  });

  it("serves the VAPID key, cacheable for a day; a server without push answers 404", async () => {
    const h = setup({ scenario: "calm", pushPublicKey: "K".repeat(87) });
    const key = await h.call("GET", "/push/key");
    expect(statusOf(key)).toBe(200);
    expect(bodyOf(key)).toEqual({ publicKey: "K".repeat(87) });
    expect(key.kind === "respond" && key.headers["cache-control"]).toBe("public, max-age=86400");

    const t = await joined(h);
    h.backend.faults.configure({ pushUnavailable: true });
    expect(bodyOf(await h.call("GET", "/push/key"))).toMatchObject({ status: 404, code: "not_found" });
    const put = await h.call("PUT", `${t.path}/push`, {
      token: t.token,
      body: { subscription: subscription() },
    });
    expect(statusOf(put)).toBe(404);
  });
});
