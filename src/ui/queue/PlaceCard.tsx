import type { PositionEstimate, QueueView } from "../../core/queue/types.ts";
import { formatCount, formatEta } from "./format.ts";
import type { Texts } from "./texts.ts";

type Props = Texts & { view: QueueView; estimate: PositionEstimate };

/** Place number, people ahead (smoothly projected between polls), progress and the ETA range. */
export function PlaceCard({ view, estimate, t, lang }: Props) {
  const ahead = estimate.ahead ?? view.ahead;
  const percent =
    estimate.progress === null ? null : Math.round(Math.min(1, Math.max(0, estimate.progress)) * 100);
  return (
    <div class="q-card">
      <dl class="q-figures">
        <div>
          <dt>{t("queue.number.label")}</dt>
          <dd class="q-big" data-testid="queue-number">
            {view.number === null ? "–" : t("queue.number.value", { number: formatCount(lang, view.number) })}
          </dd>
        </div>
        <div>
          <dt>{t("queue.ahead.label")}</dt>
          <dd class="q-big" data-testid="queue-ahead">
            {ahead === null
              ? t("queue.ahead.unknown")
              : t("queue.ahead.value", { count: formatCount(lang, Math.round(ahead)) })}
          </dd>
        </div>
        <div class="q-wide">
          <dt>{t("queue.eta.label")}</dt>
          <dd data-testid="queue-eta">{formatEta(t, estimate.eta)}</dd>
        </div>
      </dl>
      <div
        class="q-progress"
        role="progressbar"
        aria-label={t("queue.progress.label")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? undefined : t("queue.progress.value", { percent })}
      >
        <div class="q-progress-fill" style={{ width: `${percent ?? 0}%` }} />
      </div>
    </div>
  );
}
