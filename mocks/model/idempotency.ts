/**
 * Idempotency-Key handling for every POST, as the contract states it: the key
 * must be a UUID; a repeat with the same key, method, path and JSON body gets
 * the first answer again with Idempotent-Replayed: true; the same key with
 * anything different gets 422 idempotency_key_reused; only 2xx answers are
 * remembered, for 24 hours.
 */
import { type ModelResponse, problem, validationFailed } from "./responses.ts";
import type { IdempotencyRecord, ModelState } from "./state.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;

/** Compares JSON bodies by meaning (key order, whitespace); non-JSON bodies by text. */
export function bodyKey(body: string | null): string {
  if (body === null || body.trim() === "") return "";
  try {
    return canonical(JSON.parse(body));
  } catch {
    return `raw:${body}`;
  }
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export type IdempotencyCheck =
  | { kind: "reject"; response: ModelResponse }
  | { kind: "replay"; response: ModelResponse }
  | { kind: "fresh"; key: string };

export function checkIdempotency(
  state: ModelState,
  now: number,
  req: { method: string; path: string; key: string | undefined; body: string | null },
): IdempotencyCheck {
  if (req.key === undefined || !UUID.test(req.key)) {
    return {
      kind: "reject",
      response: validationFailed([{ field: "Idempotency-Key", code: "invalid_uuid" }]),
    };
  }
  const record = state.idempotency[req.key];
  if (!record || now - record.storedAt >= IDEMPOTENCY_TTL_MS) return { kind: "fresh", key: req.key };
  if (record.method !== req.method || record.path !== req.path || record.bodyKey !== bodyKey(req.body)) {
    return {
      kind: "reject",
      response: problem(422, "idempotency_key_reused", {
        detail: "This Idempotency-Key was used for a different request.",
      }),
    };
  }
  return {
    kind: "replay",
    response: {
      status: record.status,
      headers: { ...record.headers, "idempotent-replayed": "true" },
      body: record.body,
    },
  };
}

export function rememberIfSuccessful(
  state: ModelState,
  now: number,
  req: { method: string; path: string; key: string; body: string | null },
  response: ModelResponse,
): void {
  if (response.status < 200 || response.status > 299) return;
  const record: IdempotencyRecord = {
    method: req.method,
    path: req.path,
    bodyKey: bodyKey(req.body),
    status: response.status,
    headers: response.headers,
    body: response.body,
    storedAt: now,
  };
  state.idempotency[req.key] = record;
}

/** Forgets records older than 24 hours. */
export function purgeIdempotency(state: ModelState, now: number): void {
  for (const [key, record] of Object.entries(state.idempotency)) {
    if (now - record.storedAt >= IDEMPOTENCY_TTL_MS) delete state.idempotency[key];
  }
}
