import type { PositionEstimate, QueueView } from "../../core/queue/types.ts";
import type { Translate } from "../../i18n/runtime.ts";

/** The acceptance-hook states of the waiting room (data-state). */
export type QueueDomState =
  | "joining"
  | "prequeue"
  | "waiting"
  | "admitted"
  | "expired"
  | "left"
  | "closed"
  | "error"
  | "moved";

/** idle (no ticket yet) shows as joining: the screen is only open around a join or a held ticket. */
export function domState(view: QueueView): QueueDomState {
  return view.phase === "idle" ? "joining" : view.phase;
}

/** "4:05" or "1:02:05" for a remaining duration; never negative. */
export function formatCountdown(ms: number): string {
  // NaN or Infinity (a broken time) shows a placeholder rather than "NaN:NaN".
  if (!Number.isFinite(ms)) return "—";
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${ss}` : `${minutes}:${ss}`;
}

/** "about 12–16 min" (or hours for long waits); a range because the serving rate varies. */
export function formatEta(t: Translate, eta: PositionEstimate["eta"]): string {
  if (!eta) return t("queue.eta.unknown");
  const { minSeconds, maxSeconds } = eta;
  if (maxSeconds < 60) return t("queue.eta.soon");
  if (minSeconds >= 2 * 3600) {
    const min = Math.floor(minSeconds / 3600);
    return t("queue.eta.hours", { min, max: Math.max(min + 1, Math.ceil(maxSeconds / 3600)) });
  }
  const min = Math.floor(minSeconds / 60);
  return t("queue.eta.minutes", { min, max: Math.max(min + 1, Math.ceil(maxSeconds / 60)) });
}

/** "updated 12 s ago" from server times. */
export function formatUpdatedAgo(t: Translate, updatedAt: number | null, serverNow: number): string {
  if (updatedAt === null) return t("queue.updated.never");
  const seconds = Math.max(0, Math.floor((serverNow - updatedAt) / 1000));
  if (seconds < 60) return t("queue.updated.seconds", { seconds });
  return t("queue.updated.minutes", { minutes: Math.floor(seconds / 60) });
}

/** Groups digits the way each language writes numbers ("1,234"). */
export function formatCount(lang: "ko" | "en", value: number): string {
  return value.toLocaleString(lang === "ko" ? "ko-KR" : "en-GB");
}
