/**
 * A fake push service (RFC 8030) on 127.0.0.1, standing in for the browser vendor's: it accepts the
 * application server's Web Push POST to /push/<id>, checks the VAPID token (RFC 8292: ES256 over
 * the JWT with the key `k`, `aud` = this service's origin, `exp` in the future and at most 24 h
 * away, `sub` a mailto: or https: contact), the headers (Content-Encoding aes128gcm, TTL, Urgency
 * high), decrypts the body (RFC 8291) with the subscription's private key and auth secret, answers
 * 201 and hands the plaintext on (browser tests: to the service worker through CDP
 * ServiceWorker.deliverPushMessage, see push-helpers.ts). Subscriptions' keys are made here with
 * node:crypto ECDH, as a browser would make them.
 */
import { createECDH, createPublicKey, type ECDH, randomBytes, verify } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { decrypt } from "http_ece";

/** A subscription as a browser would hold it: the public half goes to the app, the private half stays. */
export interface FakeSubscription {
  id: string;
  endpoint: string;
  /** base64url, as PushSubscriptionJSON carries them. */
  keys: { p256dh: string; auth: string };
  receiver: ECDH;
  authSecret: Buffer;
}

export interface VapidClaims {
  aud: string;
  exp: number;
  sub: string;
  [claim: string]: unknown;
}

/** One POST the service accepted (201), decrypted. */
export interface ReceivedPush {
  subscriptionId: string;
  at: number;
  ttl: number;
  urgency: string;
  /** The VAPID key (`k`) the request was signed with. */
  vapidKey: string;
  claims: VapidClaims;
  plaintext: string;
}

/** One POST the service refused, and why. */
export interface RefusedPush {
  path: string;
  status: number;
  reason: string;
}

export interface FakePushService {
  origin: string;
  subscribe(id?: string): FakeSubscription;
  readonly received: readonly ReceivedPush[];
  readonly refused: readonly RefusedPush[];
  /** Errors of the `deliver` hand-over (for example a service worker that is not there). */
  readonly deliveryErrors: readonly string[];
  /** Resolves once `count` messages in all have been accepted (and handed on). */
  receivedCount(count: number, timeoutMs?: number): Promise<readonly ReceivedPush[]>;
  close(): Promise<void>;
}

export interface FakePushOptions {
  /** Only this VAPID key is accepted (the app server's GET /push/key); any valid key when absent. */
  vapidPublicKey?: () => string | undefined;
  /** Where the plaintext goes once accepted; awaited before the 201. */
  deliver?: (message: ReceivedPush) => Promise<void>;
  now?: () => number;
}

const b64url = (buf: Buffer): string => buf.toString("base64url");
const MAX_EXP_SECONDS = 24 * 3600;

/** A request the service refuses: the status a push service would answer, and why. */
export class PushRefused extends Error {
  constructor(
    readonly status: number,
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * Checks `Authorization: vapid t=<JWT>, k=<key>` (RFC 8292) and returns the key and the claims;
 * throws PushRefused (401 or 403) otherwise.
 */
export function verifyVapid(
  authorization: string | undefined,
  expect: { audience: string; nowMs: number; key?: string | undefined },
): { key: string; claims: VapidClaims } {
  const match = /^vapid t=([\w-]+)\.([\w-]+)\.([\w-]+),\s*k=([\w-]+)$/.exec(authorization ?? "");
  if (!match) throw new PushRefused(401, "no VAPID authorization");
  const [, head, body, signature, key] = match as unknown as [string, string, string, string, string];
  const header = parseJson(head);
  if (header?.alg !== "ES256" || header.typ !== "JWT") throw new PushRefused(401, "JWT header is not ES256");
  const point = Buffer.from(key, "base64url");
  if (point.length !== 65 || point[0] !== 4)
    throw new PushRefused(401, "k is not an uncompressed P-256 point");
  if (expect.key !== undefined && key !== expect.key)
    throw new PushRefused(403, "k is not the subscribed key");
  const publicKey = createPublicKey({
    key: { kty: "EC", crv: "P-256", x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33, 65)) },
    format: "jwk",
  });
  const signed = verify(
    "sha256",
    Buffer.from(`${head}.${body}`),
    { key: publicKey, dsaEncoding: "ieee-p1363" },
    Buffer.from(signature, "base64url"),
  );
  if (!signed) throw new PushRefused(401, "bad JWT signature");
  const claims = parseJson(body);
  if (!claims) throw new PushRefused(401, "JWT claims are not JSON");
  if (claims.aud !== expect.audience)
    throw new PushRefused(403, `aud ${String(claims.aud)} is not ${expect.audience}`);
  const nowSeconds = expect.nowMs / 1000;
  if (typeof claims.exp !== "number" || claims.exp <= nowSeconds) throw new PushRefused(401, "JWT expired");
  if (claims.exp > nowSeconds + MAX_EXP_SECONDS) throw new PushRefused(401, "JWT exp more than 24 h away");
  if (typeof claims.sub !== "string" || !/^(mailto:|https:)/.test(claims.sub))
    throw new PushRefused(401, "sub is not a mailto: or https: contact");
  return { key, claims: claims as VapidClaims };
}

/** The headers RFC 8030/8291 and the contract ask for; returns TTL and Urgency, or throws PushRefused. */
export function checkPushHeaders(headers: IncomingHttpHeaders): { ttl: number; urgency: string } {
  if (headers["content-encoding"] !== "aes128gcm")
    throw new PushRefused(415, "Content-Encoding is not aes128gcm");
  const ttl = Number(headers.ttl);
  if (headers.ttl === undefined || !Number.isInteger(ttl) || ttl < 0)
    throw new PushRefused(400, "no valid TTL");
  if (headers.urgency !== "high")
    throw new PushRefused(400, `Urgency is ${String(headers.urgency)}, not high`);
  return { ttl, urgency: headers.urgency };
}

/** Decrypts an aes128gcm body (RFC 8291) for the subscription; throws PushRefused (400) if it cannot. */
export function decryptPush(
  body: Buffer,
  subscription: Pick<FakeSubscription, "receiver" | "authSecret">,
): string {
  try {
    return decrypt(body, {
      version: "aes128gcm",
      privateKey: subscription.receiver,
      authSecret: b64url(subscription.authSecret),
    }).toString("utf8");
  } catch (error) {
    throw new PushRefused(400, `cannot decrypt: ${String(error)}`);
  }
}

function parseJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export async function startFakePushService(options: FakePushOptions = {}): Promise<FakePushService> {
  const now = options.now ?? (() => Date.now());
  const subscriptions = new Map<string, FakeSubscription>();
  const received: ReceivedPush[] = [];
  const refused: RefusedPush[] = [];
  const deliveryErrors: string[] = [];
  const waiters = new Set<() => void>();
  let origin = "";

  const accept = async (path: string, headers: IncomingHttpHeaders, body: Buffer): Promise<number> => {
    const id = /^\/push\/([\w-]+)$/.exec(path)?.[1];
    const subscription = id === undefined ? undefined : subscriptions.get(id);
    // 410 Gone: what a push service answers for a subscription it does not know (any more).
    if (!subscription) throw new PushRefused(410, `no subscription at ${path}`);
    const vapid = verifyVapid(headers.authorization, {
      audience: origin,
      nowMs: now(),
      key: options.vapidPublicKey?.(),
    });
    const { ttl, urgency } = checkPushHeaders(headers);
    const plaintext = decryptPush(body, subscription);
    const message: ReceivedPush = {
      subscriptionId: subscription.id,
      at: now(),
      ttl,
      urgency,
      vapidKey: vapid.key,
      claims: vapid.claims,
      plaintext,
    };
    received.push(message);
    try {
      await options.deliver?.(message);
    } catch (error) {
      deliveryErrors.push(String(error));
    }
    for (const wake of [...waiters]) wake();
    return 201;
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = req.url ?? "";
      const answer =
        req.method === "POST"
          ? accept(path, req.headers, Buffer.concat(chunks))
          : Promise.reject(new PushRefused(405, `${req.method} is not POST`));
      answer.then(
        (status) => res.writeHead(status, { location: `${origin}/message/${received.length}` }).end(),
        (error: unknown) => {
          const status = error instanceof PushRefused ? error.status : 500;
          refused.push({ path, status, reason: String(error instanceof Error ? error.message : error) });
          res.writeHead(status, { "content-type": "text/plain" }).end(String(error));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let next = 0;
  return {
    origin,
    subscribe(id = `sub-${++next}`) {
      const receiver = createECDH("prime256v1");
      receiver.generateKeys();
      const authSecret = randomBytes(16);
      const subscription: FakeSubscription = {
        id,
        endpoint: `${origin}/push/${id}`,
        keys: { p256dh: b64url(receiver.getPublicKey()), auth: b64url(authSecret) },
        receiver,
        authSecret,
      };
      subscriptions.set(id, subscription);
      return subscription;
    },
    received,
    refused,
    deliveryErrors,
    receivedCount(count, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `fake push service: ${received.length} of ${count} messages after ${timeoutMs} ms` +
                (refused.length ? `; refused: ${refused.map((r) => r.reason).join("; ")}` : ""),
            ),
          );
        }, timeoutMs);
        const check = () => {
          if (received.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(received);
        };
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
