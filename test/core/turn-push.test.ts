import { describe, expect, it } from "vitest";
import type { PushApi } from "../../src/core/api/types.ts";
import { ApiError } from "../../src/core/api/types.ts";
import type { PushSubscription } from "../../src/core/contract/types.ts";
import { createTurnPush, type PushPort } from "../../src/core/push/turn-push.ts";

const SUB: PushSubscription = {
  endpoint: "https://push.example/abc",
  expirationTime: null,
  keys: { p256dh: "BKEY", auth: "AUTH" },
};
const TICKET = { eventId: "e1", ticketId: "t1", token: "tok-1" };
const notFound = () =>
  new ApiError({
    kind: "http",
    status: 404,
    problem: { type: "about:blank", title: "Not found", status: 404, code: "not_found" },
    retryAfterMs: null,
  });
const unavailable = () =>
  new ApiError({
    kind: "http",
    status: 503,
    problem: { type: "about:blank", title: "Busy", status: 503, code: "unavailable" },
    retryAfterMs: 5000,
  });

function setup(
  opts: {
    key?: () => Promise<string>;
    supported?: boolean;
    subscribe?: () => Promise<PushSubscription>;
  } = {},
) {
  const calls: string[] = [];
  const api: PushApi = {
    async getPushKey() {
      calls.push("GET key");
      const publicKey = await (opts.key ?? (async () => "VAPIDKEY"))();
      return { body: { publicKey }, status: 200, replayed: false };
    },
    async subscribePush(eventId, ticketId, token, body) {
      calls.push(`PUT ${eventId}/${ticketId} ${token} ${body.subscription.endpoint} ${body.lang}`);
      return { body: null, status: 204, replayed: false };
    },
    async unsubscribePush(eventId, ticketId, token) {
      calls.push(`DELETE ${eventId}/${ticketId} ${token}`);
      return { body: null, status: 204, replayed: false };
    },
  };
  const port: PushPort = {
    supported: () => opts.supported ?? true,
    subscribe: async (key) => {
      calls.push(`subscribe ${key}`);
      return (opts.subscribe ?? (async () => SUB))();
    },
    current: async () => SUB,
  };
  const states: string[] = [];
  const push = createTurnPush({ api, port, lang: () => "en" });
  push.subscribe((s) => states.push(s));
  return { push, calls, states };
}

describe("your-turn push on the page (contract v1.1)", () => {
  it("subscribes with the server's key and PUTs the subscription for the ticket, in the user's language", async () => {
    const { push, calls } = setup();
    expect(await push.available()).toBe(true);
    expect(await push.enable(TICKET)).toBe("on");
    expect(calls).toEqual(["GET key", "subscribe VAPIDKEY", "PUT e1/t1 tok-1 https://push.example/abc en"]);
  });

  it("a server without push (404 key) is not offered push, and is not asked again", async () => {
    const { push, calls } = setup({ key: () => Promise.reject(notFound()) });
    expect(await push.available()).toBe(false);
    expect(push.state()).toBe("unavailable");
    expect(await push.enable(TICKET)).toBe("unavailable");
    expect(calls).toEqual(["GET key"]);
  });

  it("a key request that failed for another reason is asked again later", async () => {
    let first = true;
    const { push, calls } = setup({
      key: async () => {
        if (first) {
          first = false;
          throw unavailable();
        }
        return "VAPIDKEY";
      },
    });
    expect(await push.available()).toBe(false);
    expect(await push.enable(TICKET)).toBe("on");
    expect(calls.filter((c) => c === "GET key")).toHaveLength(2);
  });

  it("a browser without Push is never asked to subscribe, and the server is not asked either", async () => {
    const { push, calls } = setup({ supported: false });
    expect(await push.available()).toBe(false);
    expect(await push.enable(TICKET)).toBe("unavailable");
    expect(calls).toEqual([]);
  });

  it("turning off DELETEs the subscription with the token it was made with, once", async () => {
    const { push, calls, states } = setup();
    await push.enable(TICKET);
    await push.disable();
    await push.disable();
    expect(calls.filter((c) => c.startsWith("DELETE"))).toEqual(["DELETE e1/t1 tok-1"]);
    expect(states).toEqual(["on", "off"]);
  });

  it("a refused subscription leaves push off (polling goes on as without push)", async () => {
    const { push, calls } = setup({ subscribe: () => Promise.reject(new Error("NotAllowedError")) });
    expect(await push.enable(TICKET)).toBe("off");
    expect(calls.some((c) => c.startsWith("PUT"))).toBe(false);
  });
});
