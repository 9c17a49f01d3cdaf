import { useEffect, useState } from "preact/hooks";
import type { RequestLog as Log, LoggedRequest } from "../../mocks/demo-recorder.ts";
import { type ExplainedRequest, explainRequests } from "../../mocks/request-reason.ts";
import type { Lang, MessageKey } from "../i18n/core.ts";
import { formatTime } from "../i18n/format-time.ts";
import type { Translate } from "../i18n/runtime.ts";

/** How many of the newest requests are shown. */
const SHOWN = 25;

const seconds = (ms: number | null) => (ms === null ? "0" : (ms / 1000).toFixed(1));

/** "/api/v1/events/c55-59/tickets/t8f…" → "/events/c55-59/tickets/t8f…" */
const shortPath = (path: string) => path.replace(/^\/api\/v1/, "");

function outcome(t: Translate, req: ExplainedRequest<LoggedRequest>): string {
  if (req.answer === null || req.outcome === null) return t("demo.log.pending");
  return req.answer.kind === "failed" ? `${req.outcome} (${t("demo.log.failed")})` : req.outcome;
}

/** This page's requests, newest first, each with the gap before it and why it went out then. */
export function RequestLog({ t, lang, log }: { t: Translate; lang: Lang; log: Log }) {
  const [entries, setEntries] = useState(() => log.entries());
  useEffect(() => {
    setEntries(log.entries());
    return log.subscribe(() => setEntries(log.entries()));
  }, [log]);
  const rows = explainRequests(entries).slice(-SHOWN).reverse();
  return (
    <>
      <p class="demo-meta">{t("demo.log.caption")}</p>
      {rows.length === 0 && <p>{t("demo.log.empty")}</p>}
      <ol class="demo-log" data-testid="demo-request-log" aria-label={t("demo.log.title")}>
        {rows.map((req) => (
          <li
            key={req.id}
            data-testid="demo-request"
            data-gap-ms={req.gapMs}
            data-reason={req.reason}
            class={req.answer?.kind === "failed" ? "failed" : undefined}
          >
            <span class="demo-log-head">
              <span class="demo-log-when">
                {formatTime(lang, req.at)} · {t("demo.log.gap", { seconds: seconds(req.gapMs) })}
              </span>{" "}
              <span class="demo-log-what">
                {req.method} {shortPath(req.path)} · {outcome(t, req)}
              </span>
            </span>
            <span class="demo-log-why">
              {t(`demo.reason.${req.reason}` as MessageKey, {
                asked: seconds(req.askedMs),
                extra: seconds(req.extraMs),
              })}
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}
