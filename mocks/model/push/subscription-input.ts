/** Checking a PUT .../push body (contract v1.1): a PushSubscriptionJSON and an optional language. */
import type { PushRecord } from "../state.ts";

export type PushInput = Omit<PushRecord, "eventId">;

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * A production server accepts https endpoints only; this mock is a test server, so it also takes
 * http on the loopback address (the browser tests' fake push service lives there).
 */
function endpointOk(value: unknown): value is string {
  if (typeof value !== "string") return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
}

const keyOk = (value: unknown): value is string =>
  typeof value === "string" && value.length > 0 && BASE64URL.test(value);

export function readPushInput(
  body: Record<string, unknown> | null,
): { ok: true; value: PushInput } | { ok: false; errors: { field: string; code: string }[] } {
  if (body === null) return { ok: false, errors: [{ field: "subscription", code: "required" }] };
  const errors: { field: string; code: string }[] = [];
  const sub = body.subscription;
  const subObject =
    sub !== null && typeof sub === "object" && !Array.isArray(sub) ? (sub as Record<string, unknown>) : null;
  if (!subObject) errors.push({ field: "subscription", code: sub === undefined ? "required" : "invalid" });
  const keys = subObject?.keys as Record<string, unknown> | undefined;
  if (subObject && !endpointOk(subObject.endpoint))
    errors.push({ field: "subscription.endpoint", code: "invalid" });
  if (subObject && !keyOk(keys?.p256dh)) errors.push({ field: "subscription.keys.p256dh", code: "invalid" });
  if (subObject && !keyOk(keys?.auth)) errors.push({ field: "subscription.keys.auth", code: "invalid" });
  const expiration = subObject?.expirationTime ?? null;
  if (expiration !== null && (typeof expiration !== "number" || !Number.isFinite(expiration))) {
    errors.push({ field: "subscription.expirationTime", code: "invalid" });
  }
  const lang = body.lang ?? "ko";
  if (lang !== "ko" && lang !== "en") errors.push({ field: "lang", code: "invalid" });
  if (errors.length > 0 || !subObject) return { ok: false, errors };
  return {
    ok: true,
    value: {
      endpoint: subObject.endpoint as string,
      keys: { p256dh: keys?.p256dh as string, auth: keys?.auth as string },
      expirationTime: expiration as number | null,
      lang: lang as "ko" | "en",
      nearFrontSent: false,
    },
  };
}
