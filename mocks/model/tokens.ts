/**
 * Opaque bearer tokens: base64url(JSON payload) + "." + base64url(HMAC-SHA256).
 * Web Crypto only (globalThis.crypto.subtle), so the same code runs in the
 * browser demo and in Node 20. Signing is deterministic: the same payload
 * always gives the same token, which is how every read of an admission
 * returns the SAME admission token.
 */

export type TokenPayload =
  | { k: "ticket"; tid: string; eid: string }
  | { k: "admission"; tid: string; eid: string; exp: number }
  | { k: "identity"; tid: string; eid: string; person: string; by: number; ok: 0 | 1; exp: number }
  | { k: "reservation"; rid: string };

const encoder = new TextEncoder();

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

export interface TokenSigner {
  sign(payload: TokenPayload): Promise<string>;
  /** The payload if the token is intact, else null. */
  verify(token: string): Promise<TokenPayload | null>;
}

/** Bounded memo tables: polls re-present the same token, and HMAC via Web Crypto is the model's main cost. */
const MEMO_LIMIT = 100_000;

function remember<K, V>(map: Map<K, V>, key: K, value: V): V {
  if (map.size >= MEMO_LIMIT) map.clear();
  map.set(key, value);
  return value;
}

export function createSigner(secretHex: string): TokenSigner {
  // Exact token text -> payload: an altered token is a different string, so it misses and is checked.
  const verified = new Map<string, TokenPayload>();
  const signed = new Map<string, string>();
  const secret: Uint8Array<ArrayBuffer> = Uint8Array.from(secretHex.match(/../g) ?? [], (h) =>
    Number.parseInt(h, 16),
  );
  const key = crypto.subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
  return {
    async sign(payload) {
      const json = JSON.stringify(payload);
      const known = signed.get(json);
      if (known) return known;
      const body = toBase64Url(encoder.encode(json));
      const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await key, encoder.encode(body)));
      return remember(signed, json, `${body}.${toBase64Url(mac)}`);
    },
    async verify(token) {
      const known = verified.get(token);
      if (known) return known;
      const [body, mac, extra] = token.split(".");
      if (body === undefined || mac === undefined || extra !== undefined) return null;
      const macBytes = fromBase64Url(mac);
      const bodyBytes = fromBase64Url(body);
      if (!macBytes || !bodyBytes) return null;
      // Re-encoding must give the same text: rejects non-canonical base64url twins of a valid token.
      if (toBase64Url(macBytes) !== mac || toBase64Url(bodyBytes) !== body) return null;
      const ok = await crypto.subtle.verify("HMAC", await key, macBytes, encoder.encode(body));
      if (!ok) return null;
      try {
        return remember(verified, token, JSON.parse(new TextDecoder().decode(bodyBytes)) as TokenPayload);
      } catch {
        return null;
      }
    },
  };
}

/** A hex string from the seeded generator, used as the HMAC secret. */
export function secretFrom(randomInt: (n: number) => number): string {
  let hex = "";
  for (let i = 0; i < 64; i++) hex += randomInt(16).toString(16);
  return hex;
}

/** SHA-256 hex of a string (hashes a person's details so the state never holds them in clear). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
