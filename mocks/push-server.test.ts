/**
 * The socket server really sends Web Push: a fake push service on 127.0.0.1 receives the request,
 * checks its VAPID token (RFC 8292) and decrypts its aes128gcm body (RFC 8291) with the
 * subscription's private key, as a browser's push service and service worker would.
 */
import { createECDH, createPublicKey, randomBytes, verify } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { decrypt } from "http_ece";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type MockServer, startMockServer } from "./server.ts";

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

let offsetMs = 0;
let server: MockServer;
let pushService: Server;
let pushOrigin: string;
const received: Received[] = [];
let onReceive: () => void = () => undefined;

beforeAll(async () => {
  pushService = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(201).end();
      onReceive();
    });
  });
  await new Promise<void>((resolve) => pushService.listen(0, "127.0.0.1", resolve));
  pushOrigin = `http://127.0.0.1:${(pushService.address() as AddressInfo).port}`;
  // The model clock can jump ahead, so admission comes without waiting for it in real time.
  server = await startMockServer({ now: () => Date.now() + offsetMs, pushIntervalMs: 20 });
});

afterAll(async () => {
  await server.close();
  await new Promise<void>((resolve) => pushService.close(() => resolve()));
});

/** Resolves once the fake push service has received `count` messages in all. */
function receivedCount(count: number): Promise<void> {
  return new Promise((resolve) => {
    onReceive = () => {
      if (received.length >= count) resolve();
    };
    onReceive();
  });
}

const b64url = (buf: Buffer) => buf.toString("base64url");

/** Checks `Authorization: vapid t=<JWT>, k=<key>` and returns the JWT's claims. */
function checkVapid(headers: IncomingHttpHeaders): Record<string, unknown> {
  const match = /^vapid t=([\w-]+)\.([\w-]+)\.([\w-]+), k=([\w-]+)$/.exec(headers.authorization ?? "");
  expect(match, headers.authorization).not.toBeNull();
  const [, head, claims, signature, key] = match as RegExpExecArray;
  expect(key).toBe(server.pushPublicKey);
  expect(JSON.parse(Buffer.from(head as string, "base64url").toString())).toEqual({
    typ: "JWT",
    alg: "ES256",
  });
  const point = Buffer.from(key as string, "base64url");
  expect(point).toHaveLength(65);
  const publicKey = createPublicKey({
    key: { kty: "EC", crv: "P-256", x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33, 65)) },
    format: "jwk",
  });
  const signed = verify(
    "sha256",
    Buffer.from(`${head}.${claims}`),
    { key: publicKey, dsaEncoding: "ieee-p1363" },
    Buffer.from(signature as string, "base64url"),
  );
  expect(signed).toBe(true);
  return JSON.parse(Buffer.from(claims as string, "base64url").toString()) as Record<string, unknown>;
}

describe("the socket server sends real Web Push", () => {
  it("delivers near-front and admitted, VAPID-signed and encrypted for the subscription only", async () => {
    const receiver = createECDH("prime256v1");
    receiver.generateKeys();
    const auth = randomBytes(16);
    const api = `${server.url}/api/v1`;

    const key = await fetch(`${api}/push/key`);
    expect(key.headers.get("cache-control")).toBe("public, max-age=86400");
    expect(await key.json()).toEqual({ publicKey: server.pushPublicKey });

    const joinAnswer = await fetch(`${api}/events/c55-59/tickets`, {
      method: "POST",
      headers: { "idempotency-key": "7d8f4b4e-3c4a-4f0e-9d61-5b2f7f1f0c11" },
    });
    const join = (await joinAnswer.json()) as {
      ticket: { id: string; token: string };
      status: { etaSeconds: number };
    };
    const put = await fetch(`${api}/events/c55-59/tickets/${join.ticket.id}/push`, {
      method: "PUT",
      headers: { authorization: `Bearer ${join.ticket.token}`, "content-type": "application/json" },
      body: JSON.stringify({
        subscription: {
          endpoint: `${pushOrigin}/push/sub-1`,
          expirationTime: null,
          keys: { p256dh: b64url(receiver.getPublicKey()), auth: b64url(auth) },
        },
        lang: "en",
      }),
    });
    expect(put.status).toBe(204);

    // The calm line is short: the heads-up is due at once; then jump to the admission.
    await receivedCount(1);
    offsetMs = (join.status.etaSeconds + 1) * 1000;
    await receivedCount(2);

    const plain = received.map((message) => {
      expect(message.path).toBe("/push/sub-1");
      expect(message.headers.urgency).toBe("high");
      expect(message.headers["content-encoding"]).toBe("aes128gcm");
      const claims = checkVapid(message.headers);
      expect(claims.aud).toBe(pushOrigin);
      expect(String(claims.sub)).toMatch(/^mailto:/);
      const nowSeconds = Date.now() / 1000;
      expect(claims.exp).toBeGreaterThan(nowSeconds);
      expect(claims.exp).toBeLessThanOrEqual(nowSeconds + 24 * 3600);
      const text = decrypt(message.body, {
        version: "aes128gcm",
        privateKey: receiver,
        authSecret: b64url(auth),
      }).toString("utf8");
      return { ttl: Number(message.headers.ttl), text, payload: JSON.parse(text) as Record<string, unknown> };
    });

    const [nearFront, admitted] = plain;
    expect(nearFront?.payload).toEqual({
      type: "near-front",
      eventId: "c55-59",
      ticketId: join.ticket.id,
      ahead: expect.any(Number),
      etaSeconds: expect.any(Number),
    });
    expect(nearFront?.ttl).toBe(nearFront?.payload.etaSeconds);
    expect(admitted?.payload).toEqual({
      type: "admitted",
      eventId: "c55-59",
      ticketId: join.ticket.id,
      expiresAt: expect.stringMatching(/\+09:00$/),
    });
    expect(admitted?.ttl).toBeGreaterThan(0);
    expect(admitted?.ttl).toBeLessThanOrEqual(600);
    // No token and nothing personal travels in a push: only ids and times.
    expect(admitted?.text).not.toContain(join.ticket.token);
    expect(admitted?.text).not.toMatch(/token/i);
    // The server records a delivery once the push service's answer reaches it, just after ours.
    await vi.waitFor(() =>
      expect(server.pushDeliveries.map((d) => [d.type, d.status])).toEqual([
        ["near-front", 201],
        ["admitted", 201],
      ]),
    );
  });
});
