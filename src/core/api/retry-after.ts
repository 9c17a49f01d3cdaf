/**
 * Milliseconds to wait from a Retry-After header, in either form it may take:
 * delta-seconds ("120") or an HTTP-date. An HTTP-date is read relative to the
 * response's own Date header when there is one, so a wrong device clock does
 * not matter; otherwise relative to `deviceNow`. Null when absent or unreadable.
 */
export function parseRetryAfter(
  value: string | null,
  dateHeader: string | null,
  deviceNow: number,
): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const until = Date.parse(text);
  if (Number.isNaN(until)) return null;
  const serverNow = dateHeader === null ? Number.NaN : Date.parse(dateHeader);
  return Math.max(0, until - (Number.isNaN(serverNow) ? deviceNow : serverNow));
}
