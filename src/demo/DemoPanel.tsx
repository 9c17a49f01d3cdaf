import { useEffect, useRef, useState } from "preact/hooks";
import { DEMO_FAULTS, type DemoFault } from "../../mocks/demo-actions.ts";
import { eventOfPath, liveLine } from "../../mocks/demo-live.ts";
import type { DemoSession } from "../../mocks/demo-session.ts";
import { SCENARIO_NAMES, type ScenarioName } from "../../mocks/model/scenarios.ts";
import { parseSnapshot } from "../../mocks/model/state.ts";
import { realClock } from "../app/real-clock.ts";
import type { Lang, MessageKey } from "../i18n/core.ts";
import type { Translate } from "../i18n/runtime.ts";
import { every } from "../ui/components/every.ts";
import { FleetRace } from "./FleetRace.tsx";
import { LoadChart } from "./LoadChart.tsx";
import { RequestLog } from "./RequestLog.tsx";
import { addSample, type Sample } from "./samples.ts";

export const SPEEDS = [1, 10, 60] as const;

interface Props {
  t: Translate;
  lang: Lang;
  session: DemoSession;
  onClose(): void;
}

type Live = ReturnType<typeof liveLine>;

/** The event this page last asked about, so the chart shows the line the user stands in. */
function focusEvent(session: DemoSession): string | null {
  const entries = session.log.entries();
  for (let i = entries.length - 1; i >= 0; i--) {
    const id = eventOfPath(entries[i]?.path ?? "");
    if (id) return id;
  }
  return null;
}

function sampleNow(session: DemoSession): Live | null {
  try {
    return liveLine(parseSnapshot(session.backend.snapshot()), Date.now(), focusEvent(session));
  } catch {
    return null;
  }
}

/** The demo panel: scenario and speed, faults, the server's live state and this page's requests. */
export function DemoPanel({ t, lang, session, onClose }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [settings, setSettings] = useState(() => session.settings());
  const [scenario, setScenario] = useState<ScenarioName>(settings.scenario);
  const [speed, setSpeed] = useState<number>(settings.speed);
  const [live, setLive] = useState<Live | null>(() => sampleNow(session));
  const [samples, setSamples] = useState<Sample[]>([]);
  const [said, setSaid] = useState("");
  const [offline, setOffline] = useState(false);

  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    const tick = () => {
      const next = sampleNow(session);
      setLive(next);
      setOffline(session.log.offlineUntil() > Date.now());
      if (next) {
        setSamples((list) =>
          addSample(list, {
            at: next.at,
            inLine: next.inLine,
            requestsPerSecond: next.requestsPerSecond,
            capacityPerSecond: next.capacityPerSecond,
            outage: next.outage,
          }),
        );
      }
    };
    tick();
    return every(realClock, 1000, tick);
  }, [session]);

  const inject = (fault: DemoFault) => {
    if (fault === "no-push" || fault === "no-held-reads") {
      const key = fault === "no-push" ? "pushUnavailable" : "ignoresPrefer";
      const on = !settings[key];
      session.inject(fault, on);
      setSettings(session.settings());
      setSaid(
        t(`demo.fault.done.${fault}` as MessageKey, { state: t(on ? "demo.fault.off" : "demo.fault.on") }),
      );
      return;
    }
    session.inject(fault);
    setSaid(t(`demo.fault.done.${fault}` as MessageKey));
  };

  const numbers = new Intl.NumberFormat(lang === "ko" ? "ko-KR" : "en-GB");
  return (
    <aside
      id="demo-panel"
      class="demo-panel"
      data-testid="demo-panel"
      data-scenario={settings.scenario}
      aria-labelledby="demo-panel-title"
      onKeyDown={(e) => {
        if (e.key === "Escape") onClose();
      }}
    >
      <div class="demo-panel-head">
        <h2 id="demo-panel-title" tabIndex={-1} ref={heading}>
          {t("demo.panel.title")}
        </h2>
        <button
          type="button"
          class="demo-btn demo-btn-quiet"
          data-testid="demo-panel-close"
          onClick={onClose}
        >
          {t("demo.close")}
        </button>
      </div>

      <section aria-labelledby="demo-live-title">
        <h3 id="demo-live-title">{t("demo.live.title")}</h3>
        {live && (
          <>
            <p class="demo-meta">
              {t("demo.live.event", { id: live.eventId })} ·{" "}
              {t(`demo.scenario.${live.scenario}` as MessageKey)} · {t("demo.speed.value", { n: live.speed })}
            </p>
            <dl class="demo-numbers" data-testid="demo-live">
              <div>
                <dt>{t("demo.live.inLine")}</dt>
                <dd data-testid="demo-live-in-line">{numbers.format(live.inLine)}</dd>
              </div>
              <div>
                <dt>{t("demo.live.serving")}</dt>
                <dd>{numbers.format(live.serving)}</dd>
              </div>
              <div>
                <dt>{t("demo.live.rate")}</dt>
                <dd>{numbers.format(live.admitPerSecond)}</dd>
              </div>
              <div>
                <dt>{t("demo.live.rps")}</dt>
                <dd>
                  {numbers.format(live.requestsPerSecond)} /{" "}
                  {live.capacityPerSecond === null
                    ? t("demo.live.noLimit")
                    : numbers.format(live.capacityPerSecond)}
                </dd>
              </div>
            </dl>
            {live.outage && <p class="demo-alert">{t("demo.live.outage")}</p>}
            {offline && <p class="demo-alert">{t("demo.live.offline")}</p>}
          </>
        )}
        <LoadChart t={t} samples={samples} />
      </section>

      <section aria-labelledby="demo-log-title">
        <h3 id="demo-log-title">{t("demo.log.title")}</h3>
        <RequestLog t={t} lang={lang} log={session.log} />
      </section>

      <section aria-labelledby="demo-faults-title">
        <h3 id="demo-faults-title">{t("demo.faults.title")}</h3>
        <div class="demo-faults">
          {DEMO_FAULTS.map((fault) => {
            const toggle = fault === "no-push" || fault === "no-held-reads";
            const pressed = toggle
              ? fault === "no-push"
                ? settings.pushUnavailable
                : settings.ignoresPrefer
              : undefined;
            return (
              <button
                key={fault}
                type="button"
                class="demo-btn"
                data-testid={`demo-fault-${fault}`}
                aria-pressed={pressed}
                onClick={() => inject(fault)}
              >
                {t(`demo.fault.${fault}` as MessageKey)}
              </button>
            );
          })}
        </div>
        <p role="status" class="demo-said" data-testid="demo-fault-status">
          {said}
        </p>
      </section>

      <section aria-labelledby="demo-fleet-title" data-testid="demo-fleet">
        <h3 id="demo-fleet-title">{t("demo.fleet.title")}</h3>
        <FleetRace t={t} lang={lang} />
      </section>

      <section aria-labelledby="demo-scenario-title">
        <h3 id="demo-scenario-title">{t("demo.scenario.title")}</h3>
        <form
          class="demo-form"
          onSubmit={(e) => {
            e.preventDefault();
            session.restart({ scenario, speed });
          }}
        >
          <label for="demo-scenario">{t("demo.scenario.label")}</label>
          <select
            id="demo-scenario"
            data-testid="demo-scenario"
            value={scenario}
            onChange={(e) => setScenario(e.currentTarget.value as ScenarioName)}
          >
            {SCENARIO_NAMES.map((name) => (
              <option key={name} value={name}>
                {t(`demo.scenario.${name}` as MessageKey)}
              </option>
            ))}
          </select>
          <fieldset class="demo-speeds">
            <legend>{t("demo.speed.label")}</legend>
            {SPEEDS.map((n) => (
              <label key={n} class="demo-radio">
                <input
                  type="radio"
                  name="demo-speed"
                  value={n}
                  data-testid={`demo-speed-${n}`}
                  checked={speed === n}
                  onChange={() => setSpeed(n)}
                />
                {t("demo.speed.value", { n })}
              </label>
            ))}
          </fieldset>
          <p class="demo-meta">{t("demo.restart.note")}</p>
          <button type="submit" class="demo-btn" data-testid="demo-restart">
            {t("demo.restart")}
          </button>
        </form>
      </section>
    </aside>
  );
}
