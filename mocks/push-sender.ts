/**
 * Really sends the model's due Web Push messages (contract v1.1) with the `web-push` library:
 * aes128gcm-encrypted (RFC 8291), VAPID-signed (RFC 8292), `Urgency: high`, the model's TTL.
 * web-push's own sender speaks https only; the request is built with generateRequestDetails and
 * sent with fetch, so a test's fake push service on http://127.0.0.1 receives the very same bytes.
 */
import webPush from "web-push";
import type { PushMessage } from "./model/index.ts";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  /** The contact the VAPID token names (`sub`). */
  subject: string;
}

/** A fresh key pair per server run: nothing secret is kept in the repository. */
export function makeVapidKeys(subject = "mailto:mock@jari.example"): VapidKeys {
  return { ...webPush.generateVAPIDKeys(), subject };
}

export interface PushDelivery {
  endpoint: string;
  type: PushMessage["payload"]["type"];
  ticketId: string;
  /** The push service's HTTP status, or null when it could not be reached. */
  status: number | null;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Production push services are https; plain http is allowed only on the loopback address (tests). */
export function sendableEndpoint(endpoint: string): boolean {
  const url = new URL(endpoint);
  return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
}

export async function sendPush(message: PushMessage, vapid: VapidKeys): Promise<PushDelivery> {
  const base = {
    endpoint: message.subscription.endpoint,
    type: message.payload.type,
    ticketId: message.payload.ticketId,
  };
  if (!sendableEndpoint(message.subscription.endpoint)) return { ...base, status: null };
  const details = webPush.generateRequestDetails(
    { endpoint: message.subscription.endpoint, keys: message.subscription.keys },
    JSON.stringify(message.payload),
    {
      vapidDetails: vapid,
      TTL: message.ttlSeconds,
      urgency: message.urgency,
      contentEncoding: "aes128gcm",
    },
  );
  try {
    const response = await fetch(details.endpoint, {
      method: details.method,
      headers: details.headers as Record<string, string>,
      body: details.body ? new Uint8Array(details.body) : null,
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    return { ...base, status: response.status };
  } catch {
    // An unreachable push service loses this message, as a real one would; the client's safety-net poll remains.
    return { ...base, status: null };
  }
}
