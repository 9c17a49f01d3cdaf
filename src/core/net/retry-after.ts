/**
 * Parses a Retry-After header (RFC 9110): delta-seconds or an HTTP-date.
 * `serverNowMs` is the server's time (e.g. from the same response's Date
 * header) so an HTTP-date is measured against the server, not the device.
 *
 * Contract v1.1 ("Bounds on numbers"): a conforming server sends at most
 * 3600 s, or a date at most one hour after its Date. A longer value is read
 * as the bound, so one bad proxy header can neither overflow a timer (a
 * 25-day delay wraps setTimeout into a request storm) nor put a retry time
 * outside the range of a JavaScript date. Returns a delay in ms within
 * [0, MAX_RETRY_AFTER_MS], or null when absent or unparsable; never NaN.
 */

/** The contract's bound on Retry-After: one hour, in ms. */
export const MAX_RETRY_AFTER_MS = 3_600_000;

const clamp = (ms: number): number => Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));

export function parseRetryAfter(value: string | null | undefined, serverNowMs: number): number | null {
  if (value == null) return null;
  const text = value.trim();
  // Any number of digits: Number("99999999999999") * 1000 is still finite, and clamping caps it.
  if (/^\d+$/.test(text)) return clamp(Number(text) * 1000);
  // An HTTP-date names a weekday and month; anything else ("-3", "soon") is garbage.
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  // Without a usable server time, a date cannot be measured: read it as garbage.
  if (Number.isNaN(at) || !Number.isFinite(serverNowMs)) return null;
  return clamp(at - serverNowMs);
}
