/** Reading `Prefer: wait=N` (RFC 7240) as contract v1.1 says: N outside 1–30 is read as the nearest bound. */
export const MAX_HOLD_SECONDS = 30;

/** The wait preference in seconds, clamped to 1–30, or null when the request has none. */
export function preferredWait(prefer: string | undefined): number | null {
  if (prefer === undefined) return null;
  // Preferences are comma-separated, parameters after ";"; the token is case-insensitive.
  for (const part of prefer.split(",")) {
    const match = /^\s*wait\s*=\s*"?(\d+)"?\s*(?:;.*)?$/i.exec(part);
    if (match) return Math.min(MAX_HOLD_SECONDS, Math.max(1, Number(match[1])));
  }
  return null;
}
