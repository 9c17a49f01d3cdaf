import type { MessageKey } from "../../i18n/core.ts";
import type { Spoken } from "./announce.ts";
import { endedTitleKey } from "./ended.ts";
import { domState, formatCount, formatCountdown } from "./format.ts";
import type { Texts } from "./texts.ts";
import type { QueueSnapshot } from "./use-queue.ts";

/** What a screen reader should hear about the waiting room right now (throttled by the Announcer). */
export function spokenFor({ view, now, estimate }: QueueSnapshot, { t, lang }: Texts): Spoken {
  const phase = domState(view);
  const say = (key: MessageKey, params?: Record<string, string | number>, urgent = false): Spoken => ({
    text: t(key, params),
    phase,
    urgent,
  });
  switch (phase) {
    case "joining":
      return say("queue.joining");
    case "prequeue":
      return view.opensAt === null
        ? say("queue.prequeue.title")
        : say("queue.announce.prequeue", { time: formatCountdown(view.opensAt - now) });
    case "waiting": {
      const ahead = estimate.ahead ?? view.ahead;
      return ahead === null
        ? say("queue.waiting.title")
        : say("queue.announce.waiting", {
            ahead: formatCount(lang, Math.round(ahead)),
            count: Math.round(ahead),
          });
    }
    case "admitted":
      return say("queue.announce.admitted", undefined, true);
    case "moved":
      return say("handoff.moved.title");
    default:
      return say(endedTitleKey(phase));
  }
}
