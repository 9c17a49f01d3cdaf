/**
 * Parses a Retry-After header (RFC 9110): delta-seconds or an HTTP-date.
 * `serverNowMs` is the server's time (e.g. from the same response's Date
 * header) so an HTTP-date is measured against the server, not the device.
 * Returns a delay in ms (never negative), or null when absent or unparsable.
 */
export function parseRetryAfter(value: string | null | undefined, serverNowMs: number): number | null {
  if (value == null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP-date names a weekday and month; anything else ("-3", "soon") is garbage.
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - serverNowMs);
}
