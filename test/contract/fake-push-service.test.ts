/**
 * The browser tests' fake push service (test/browser/fake-push-service.ts), in Node against the
 * socket server's real sender (mocks/push-sender.ts): what it accepts is a correctly signed and
 * encrypted Web Push, and it refuses what a real push service would refuse.
 */
import { createPrivateKey, sign } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import webPush from "web-push";
import type { PushMessage } from "../../mocks/model/index.ts";
import { makeVapidKeys, sendPush, type VapidKeys } from "../../mocks/push-sender.ts";
import {
  checkPushHeaders,
  type FakePushService,
  type FakeSubscription,
  type ReceivedPush,
  startFakePushService,
  verifyVapid,
} from "../browser/fake-push-service.ts";

let service: FakePushService | null = null;
afterEach(async () => {
  await service?.close();
  service = null;
});

const payload = {
  type: "admitted",
  eventId: "c55-59",
  ticketId: "t-1",
  expiresAt: "2021-07-19T20:41:00.000+09:00",
} as const;

const messageFor = (sub: FakeSubscription, ttlSeconds = 600): PushMessage => ({
  subscription: { endpoint: sub.endpoint, expirationTime: null, keys: sub.keys },
  lang: "ko",
  payload,
  ttlSeconds,
  urgency: "high",
});

/** A JWT signed with the VAPID private key, with whatever claims a test wants (web-push refuses some). */
function vapidHeader(keys: VapidKeys, claims: Record<string, unknown>, tamper = false): string {
  const point = Buffer.from(keys.publicKey, "base64url");
  const key = createPrivateKey({
    key: {
      kty: "EC",
      crv: "P-256",
      d: keys.privateKey,
      x: point.subarray(1, 33).toString("base64url"),
      y: point.subarray(33, 65).toString("base64url"),
    },
    format: "jwk",
  });
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${part({ typ: "JWT", alg: "ES256" })}.${part(claims)}`;
  const signature = sign("sha256", Buffer.from(unsigned), { key, dsaEncoding: "ieee-p1363" });
  if (tamper) signature[10] = (signature[10] ?? 0) ^ 0xff;
  return `vapid t=${unsigned}.${signature.toString("base64url")}, k=${keys.publicKey}`;
}

describe("the fake push service and the socket server's sender", () => {
  it("accepts a real Web Push, checks its VAPID token, decrypts it and hands it on", async () => {
    const vapid = makeVapidKeys();
    const handed: ReceivedPush[] = [];
    service = await startFakePushService({
      vapidPublicKey: () => vapid.publicKey,
      deliver: async (message) => {
        handed.push(message);
      },
    });
    const sub = service.subscribe();
    const delivery = await sendPush(messageFor(sub, 321), vapid);
    expect(delivery.status).toBe(201);
    expect(service.refused).toEqual([]);
    expect(handed).toHaveLength(1);
    const [message] = handed;
    expect(JSON.parse(message?.plaintext ?? "")).toEqual(payload);
    expect(message).toMatchObject({
      subscriptionId: sub.id,
      ttl: 321,
      urgency: "high",
      vapidKey: vapid.publicKey,
    });
    expect(message?.claims).toMatchObject({ aud: service.origin, sub: "mailto:mock@jari.example" });
    expect(await service.receivedCount(1)).toHaveLength(1);
  });

  it("refuses a message signed with another key than the one the subscription was made for", async () => {
    const subscribed = makeVapidKeys();
    service = await startFakePushService({ vapidPublicKey: () => subscribed.publicKey });
    const delivery = await sendPush(messageFor(service.subscribe()), makeVapidKeys());
    expect(delivery.status).toBe(403);
    expect(service.received).toEqual([]);
    expect(service.refused[0]?.reason).toMatch(/not the subscribed key/);
  });

  it("answers 410 for a subscription it does not know", async () => {
    service = await startFakePushService();
    const sub = service.subscribe();
    const unknown = { ...sub, endpoint: `${service.origin}/push/nobody` };
    expect((await sendPush(messageFor(unknown), makeVapidKeys())).status).toBe(410);
  });

  it("refuses a body encrypted for another subscription's keys", async () => {
    service = await startFakePushService();
    const sub = service.subscribe();
    const other = service.subscribe();
    const wrongKeys = { ...other, endpoint: sub.endpoint };
    expect((await sendPush(messageFor(wrongKeys), makeVapidKeys())).status).toBe(400);
    expect(service.refused[0]?.reason).toMatch(/cannot decrypt/);
  });
});

describe("verifyVapid", () => {
  const keys = makeVapidKeys();
  const audience = "http://127.0.0.1:4567";
  const nowMs = 1_700_000_000_000;
  const claims = { aud: audience, exp: nowMs / 1000 + 3600, sub: "mailto:ops@jari.example" };
  const check = (header: string) => () => verifyVapid(header, { audience, nowMs, key: keys.publicKey });

  it("accepts web-push's own token", () => {
    const headers = webPush.getVapidHeaders(
      audience,
      keys.subject,
      keys.publicKey,
      keys.privateKey,
      "aes128gcm",
      Math.floor(Date.now() / 1000) + 3600,
    );
    const ok = verifyVapid(headers.Authorization, { audience, nowMs: Date.now(), key: keys.publicKey });
    expect(ok.claims.aud).toBe(audience);
    expect(ok.key).toBe(keys.publicKey);
  });

  it("accepts a well-formed token, and refuses each broken part", () => {
    expect(check(vapidHeader(keys, claims))().claims).toEqual(claims);
    expect(check(vapidHeader(keys, claims, true))).toThrow(/signature/);
    expect(check(vapidHeader(keys, { ...claims, aud: "http://127.0.0.1:1" }))).toThrow(/aud/);
    expect(check(vapidHeader(keys, { ...claims, exp: nowMs / 1000 - 1 }))).toThrow(/expired/);
    expect(check(vapidHeader(keys, { ...claims, exp: nowMs / 1000 + 25 * 3600 }))).toThrow(/24 h/);
    expect(check(vapidHeader(keys, { ...claims, sub: "ops@jari.example" }))).toThrow(/sub/);
    expect(check(vapidHeader(keys, { aud: audience, exp: claims.exp }))).toThrow(/sub/);
    expect(check(`WebPush ${vapidHeader(keys, claims).slice(6)}`)).toThrow(/no VAPID/);
    expect(check("")).toThrow(/no VAPID/);
  });
});

describe("checkPushHeaders", () => {
  const good = { "content-encoding": "aes128gcm", ttl: "60", urgency: "high" };

  it("wants aes128gcm, a TTL and Urgency high", () => {
    expect(checkPushHeaders(good)).toEqual({ ttl: 60, urgency: "high" });
    expect(() => checkPushHeaders({ ...good, "content-encoding": "aesgcm" })).toThrow(/aes128gcm/);
    expect(() => checkPushHeaders({ ...good, ttl: undefined })).toThrow(/TTL/);
    expect(() => checkPushHeaders({ ...good, ttl: "-5" })).toThrow(/TTL/);
    expect(() => checkPushHeaders({ ...good, urgency: "normal" })).toThrow(/Urgency/);
  });
});
