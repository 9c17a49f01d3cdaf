import type { IdFactory, Random } from "../core/clock/types.ts";

/** Randomness for core (backoff jitter): the platform's, injected so tests can seed it. */
export const random: Random = () => Math.random();

/** UUID v4 for Idempotency-Keys; randomUUID needs a secure context, so fall back to getRandomValues. */
export const newId: IdFactory = () => {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
