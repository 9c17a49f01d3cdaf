import { useEffect, useRef, useState } from "preact/hooks";
import { realClock } from "../app/real-clock.ts";
import type { Cancel } from "../core/clock/timer.ts";
import type { Lang } from "../i18n/core.ts";
import type { Translate } from "../i18n/runtime.ts";
import { every } from "../ui/components/every.ts";
import { FLEET_DEMO, type FleetAnswer, type FleetRun, fleetShape } from "./fleet-run.ts";

const WIDTH = 300;
const HEIGHT = 110;
/** Simulated seconds drawn per 100 ms tick: a 20-minute run plays in about 20 s. */
const SECONDS_PER_TICK = 6;

type Phase =
  | { kind: "idle" }
  | { kind: "running" }
  | { kind: "error" }
  | { kind: "playing"; runs: FleetRun[] };

/** 2021 vs Jari: a few thousand simulated phones in a Web Worker, their offered load against capacity. */
export function FleetRace({ t, lang }: { t: Translate; lang: Lang }) {
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [shown, setShown] = useState(0);
  const worker = useRef<Worker | null>(null);
  const ticking = useRef<Cancel | null>(null);
  useEffect(
    () => () => {
      worker.current?.terminate();
      ticking.current?.();
    },
    [],
  );

  const run = () => {
    worker.current?.terminate();
    ticking.current?.();
    setPhase({ kind: "running" });
    setShown(0);
    const w = new Worker(new URL("./fleet-worker.ts", import.meta.url), { type: "module" });
    worker.current = w;
    w.addEventListener("message", (event: MessageEvent<FleetAnswer>) => {
      w.terminate();
      const answer = event.data;
      if (answer.kind !== "done") {
        setPhase({ kind: "error" });
        return;
      }
      setPhase({ kind: "playing", runs: answer.runs });
      const length = Math.max(...answer.runs.map((r) => r.loadSeries.length));
      let at = 0;
      ticking.current = every(realClock, 100, () => {
        at = Math.min(length, at + SECONDS_PER_TICK);
        setShown(at);
        if (at >= length) ticking.current?.();
      });
    });
    w.addEventListener("error", () => setPhase({ kind: "error" }));
    w.postMessage({ seed: 1 });
  };

  const numbers = new Intl.NumberFormat(lang === "ko" ? "ko-KR" : "en-GB", { maximumFractionDigits: 1 });
  const runs = phase.kind === "playing" ? phase.runs : [];
  const length = Math.max(0, ...runs.map((r) => r.loadSeries.length));
  const done = runs.length > 0 && shown >= length;
  const shape = fleetShape(runs, shown, FLEET_DEMO.capacityPerSecond, WIDTH, HEIGHT);
  const peak = (name: string) =>
    Math.max(0, ...(runs.find((r) => r.name === name)?.loadSeries.slice(0, shown) ?? []));
  return (
    <>
      <p class="demo-meta">
        {t("demo.fleet.intro", {
          people: numbers.format(FLEET_DEMO.people),
          capacity: numbers.format(FLEET_DEMO.capacityPerSecond),
        })}
      </p>
      <button
        type="button"
        class="demo-btn"
        data-testid="demo-fleet-run"
        disabled={phase.kind === "running"}
        onClick={run}
      >
        {phase.kind === "running" ? t("demo.fleet.running") : t("demo.fleet.run")}
      </button>
      {phase.kind === "error" && <p class="demo-alert">{t("demo.fleet.error")}</p>}
      {runs.length > 0 && (
        <figure class="demo-chart">
          <svg
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            preserveAspectRatio="none"
            role="img"
            aria-label={t("demo.fleet.chart", {
              hammer: numbers.format(peak("hammer")),
              jari: numbers.format(peak("jari")),
              capacity: numbers.format(FLEET_DEMO.capacityPerSecond),
            })}
            data-testid="demo-fleet-chart"
            data-seconds={shown}
            data-done={done ? "true" : "false"}
          >
            <rect class="demo-chart-bg" x="0" y="0" width={WIDTH} height={HEIGHT} />
            <line class="demo-chart-capacity" x1="0" x2={WIDTH} y1={shape.capacityY} y2={shape.capacityY} />
            <polyline class="demo-fleet-hammer" points={shape.lines.hammer} />
            <polyline class="demo-fleet-jari" points={shape.lines.jari} />
          </svg>
          <figcaption class="demo-meta">
            {t("demo.fleet.time", { minutes: Math.floor(shown / 60), seconds: shown % 60 })} ·{" "}
            {t("demo.fleet.legend")}
          </figcaption>
        </figure>
      )}
      {done && (
        <ul class="demo-fleet-results" data-testid="demo-fleet-results">
          {runs.map((r) => (
            <li key={r.name} data-strategy={r.name} data-requests={r.requests}>
              {t("demo.fleet.result", {
                name: r.name,
                requests: numbers.format(r.requests),
                perPerson: numbers.format(r.requestsPerPerson),
                peak: numbers.format(r.peakLoadRatio),
              })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
