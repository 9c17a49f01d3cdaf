import type { Translate } from "../i18n/runtime.ts";
import { chartShape, MAX_SAMPLES, type Sample } from "./samples.ts";

const WIDTH = 300;
const HEIGHT = 120;

/** The live chart: people in line (line, top) and requests a second against capacity (bars, bottom). */
export function LoadChart({ t, samples }: { t: Translate; samples: readonly Sample[] }) {
  const shape = chartShape(samples, WIDTH, HEIGHT);
  const last = samples.at(-1);
  const label = t("demo.chart.label", {
    seconds: Math.min(samples.length, MAX_SAMPLES),
    inLine: last?.inLine ?? 0,
    rps: last?.requestsPerSecond ?? 0,
    capacity: last?.capacityPerSecond ?? t("demo.live.noLimit"),
  });
  return (
    <figure class="demo-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={label}
        data-testid="demo-load-chart"
        data-samples={samples.length}
        data-last-in-line={last?.inLine ?? ""}
        preserveAspectRatio="none"
      >
        <rect class="demo-chart-bg" x="0" y="0" width={WIDTH} height={HEIGHT} />
        {shape.bars.map((bar) => (
          <rect
            key={bar.x}
            class={bar.over ? "demo-chart-bar over" : "demo-chart-bar"}
            x={bar.x}
            y={bar.y}
            width={bar.width}
            height={bar.height}
          />
        ))}
        {shape.capacityY !== null && (
          <line class="demo-chart-capacity" x1="0" x2={WIDTH} y1={shape.capacityY} y2={shape.capacityY} />
        )}
        {samples.length > 0 && <polyline class="demo-chart-line" points={shape.line} />}
      </svg>
      <figcaption class="demo-meta">
        {t("demo.chart.legendLine")} · {t("demo.chart.legendBars")}
      </figcaption>
    </figure>
  );
}
