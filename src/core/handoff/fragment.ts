import { parseTimestamp } from "../contract/formats.ts";
import { decodeBase64Url, encodeBase64Url } from "./base64url.ts";

/**
 * "Continue elsewhere": a place travels to another browser in the URL fragment only (never the path
 * or the query, so it is never sent to a server), as `#handoff=v1.<base64url(JSON)>`. The receiving
 * browser treats it like network input: anything not exactly as written here is refused.
 */

/** What moves: the ticket, its bearer token, and the admission when there is one. */
export interface HandoffPayload {
  eventId: string;
  ticketId: string;
  token: string;
  admission: { token: string; expiresAt: string } | null;
}

/** The fragment's name and version, as it starts (without "#"). */
export const HANDOFF_PREFIX = "handoff=v1.";
/** Longer than any real place (two tokens and two ids); refuses giant inputs before any work. */
export const MAX_FRAGMENT_LENGTH = 4096;

/** Ids go into API paths: URL-safe characters only, never "." or "..". */
const ID = /^(?!\.{1,2}$)[A-Za-z0-9._~-]{1,128}$/;
/** Bearer tokens: visible ASCII of a token68 (RFC 7235), no spaces or control characters. */
const TOKEN = /^[A-Za-z0-9._~+/-]+=*$/;
const MAX_TOKEN_LENGTH = 1024;

const isToken = (value: unknown): value is string =>
  typeof value === "string" && value.length <= MAX_TOKEN_LENGTH && TOKEN.test(value);
const isId = (value: unknown): value is string => typeof value === "string" && ID.test(value);
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const onlyKeys = (value: Record<string, unknown>, allowed: readonly string[]): boolean =>
  Object.keys(value).every((key) => allowed.includes(key));

/** The fragment (without "#") that carries `payload`. */
export function encodeHandoff(payload: HandoffPayload): string {
  const body: Record<string, unknown> = {
    eventId: payload.eventId,
    ticketId: payload.ticketId,
    token: payload.token,
  };
  if (payload.admission)
    body.admission = { token: payload.admission.token, expiresAt: payload.admission.expiresAt };
  return HANDOFF_PREFIX + encodeBase64Url(JSON.stringify(body));
}

/** true when `hash` (with or without "#") is a handoff fragment, valid or not. */
export const isHandoffHash = (hash: string): boolean => hash.replace(/^#/, "").startsWith("handoff=");

/**
 * The place in a fragment (with or without "#"), or null for anything else: another version, bad
 * base64url, bad JSON, a missing, extra or ill-formed field.
 */
export function decodeHandoff(hash: string): HandoffPayload | null {
  const fragment = hash.startsWith("#") ? hash.slice(1) : hash;
  if (fragment.length > MAX_FRAGMENT_LENGTH || !fragment.startsWith(HANDOFF_PREFIX)) return null;
  const json = decodeBase64Url(fragment.slice(HANDOFF_PREFIX.length));
  if (json === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isPlainObject(value) || !onlyKeys(value, ["eventId", "ticketId", "token", "admission"])) return null;
  const { eventId, ticketId, token, admission } = value;
  if (!isId(eventId) || !isId(ticketId) || !isToken(token)) return null;
  if (admission === undefined || admission === null) return { eventId, ticketId, token, admission: null };
  if (!isPlainObject(admission) || !onlyKeys(admission, ["token", "expiresAt"])) return null;
  const { token: admissionToken, expiresAt } = admission;
  if (!isToken(admissionToken) || typeof expiresAt !== "string" || parseTimestamp(expiresAt) === null)
    return null;
  return { eventId, ticketId, token, admission: { token: admissionToken, expiresAt } };
}
