import type { QueueNotice, QueueView } from "../../core/queue/types.ts";
import type { MessageKey } from "../../i18n/core.ts";
import { formatTime } from "../../i18n/format-time.ts";
import { Notice } from "../components/Notice.tsx";
import type { Texts } from "./texts.ts";

/** Codes with a waiting-room wording; others use the app-wide message. */
const queueWorded = new Set([
  "offline",
  "storage_unavailable",
  "invalid_response",
  "network",
  "timeout",
  "overloaded",
  "rate_limited",
  "error",
]);

/** Phases in which the place is still held, so "your place is kept" is true. */
const waitGoesOn: ReadonlySet<QueueView["phase"]> = new Set([
  "idle",
  "joining",
  "prequeue",
  "waiting",
  "admitted",
]);

/** The app-wide wording of a problem code; a code from a newer server gets the general message. */
function appMessage(t: Texts["t"], code: string): string {
  const key = `app.notice.${code}` as MessageKey;
  const message = t(key);
  return message === key ? t("app.notice.unknown") : message;
}

type Props = Texts & { view: QueueView };

/**
 * The client's current problem and, separately, a memory-only store. While
 * the wait goes on, each says when the next attempt is and that the place is kept.
 */
export function QueueNotices({ view, t, lang }: Props) {
  const notices: QueueNotice[] = [];
  if (view.notice) notices.push(view.notice);
  if (!view.durable && view.notice?.code !== "storage_unavailable") {
    notices.push({ code: "storage_unavailable", retryAt: null });
  }
  const ongoing = waitGoesOn.has(view.phase);
  return (
    <>
      {notices.map((notice) => {
        const message = queueWorded.has(notice.code)
          ? t(`queue.notice.${notice.code}` as MessageKey)
          : appMessage(t, notice.code);
        const followUp =
          notice.retryAt !== null
            ? t("queue.notice.retrying", { time: formatTime(lang, notice.retryAt) })
            : ongoing && notice.code !== "storage_unavailable"
              ? t("queue.notice.kept")
              : "";
        const calm = ongoing && notice.code !== "storage_unavailable";
        return (
          <Notice key={notice.code} code={notice.code} tone={calm ? "info" : "error"}>
            {followUp ? `${message} ${followUp}` : message}
          </Notice>
        );
      })}
    </>
  );
}
