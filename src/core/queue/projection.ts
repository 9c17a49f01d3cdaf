import type { PositionEstimate, QueueView } from "./types.ts";

/** The rate varies: the ETA range assumes it may be 25 % faster or slower. */
export const ETA_SPREAD = 0.25;

const UNKNOWN: PositionEstimate = { ahead: null, progress: null, eta: null };

/**
 * Position, progress and ETA range at `serverNow`, projected from the last
 * status and the serving rate, without a request. Never projects past the
 * front: only the server says "admitted".
 */
export function projectPosition(
  view: QueueView,
  serverNow: number,
  firstServingNumber: number | null,
): PositionEstimate {
  if (view.phase === "admitted") return { ahead: 0, progress: 1, eta: { minSeconds: 0, maxSeconds: 0 } };
  if (view.phase !== "waiting" || view.ahead === null || view.updatedAt === null) return UNKNOWN;
  const rate = view.servingRatePerSecond ?? 0;
  const elapsedSeconds = Math.max(0, serverNow - view.updatedAt) / 1000;
  const ahead = Math.max(0, Math.round(view.ahead - rate * elapsedSeconds));
  const eta =
    rate > 0
      ? {
          minSeconds: Math.round(ahead / (rate * (1 + ETA_SPREAD))),
          maxSeconds: Math.round(ahead / (rate * (1 - ETA_SPREAD))),
        }
      : null;
  let progress: number | null = null;
  if (view.number !== null && firstServingNumber !== null) {
    const span = view.number - firstServingNumber;
    progress = span <= 0 ? 1 : Math.min(1, Math.max(0, 1 - ahead / span));
  }
  return { ahead, progress, eta };
}
