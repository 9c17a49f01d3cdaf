/** What the screen would say to a screen reader now. */
export interface Spoken {
  text: string;
  /** A phase change is always worth saying at once. */
  phase: string;
  /** Said assertively and immediately (the user's turn). */
  urgent: boolean;
}

export interface LastSpoken extends Spoken {
  /** Device ms when it was said. */
  at: number;
}

/** Position updates are spoken at most this often: a steady countdown every second would drown everything else. */
export const CALM_INTERVAL_MS = 30_000;

/**
 * Whether to speak `next` now. Nothing is said on arrival (the screen itself
 * is read then) unless it is urgent; afterwards a phase change is said at
 * once and other changes at a calm rate.
 */
export function shouldAnnounce(last: LastSpoken | null, next: Spoken, now: number): boolean {
  if (!last) return next.urgent;
  if (next.phase !== last.phase) return true;
  if (next.text === last.text) return false;
  return now - last.at >= CALM_INTERVAL_MS;
}
