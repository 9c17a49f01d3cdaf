/**
 * What the service worker shows for a your-turn Web Push (contract v1.1), as pure functions so that
 * Node tests can hold them to the contract: src/sw.ts only reads the language and shows the result.
 * The payload only wakes the app: the notification opens the waiting room, which reads the ticket's
 * status — the admission itself always comes from the server, never from the payload.
 */
import { decoders } from "./core/contract/decode.ts";
import type { PushAdmitted, PushNearFront } from "./core/contract/types.ts";
import { interpolate, type Lang } from "./i18n/core.ts";
import { push as en } from "./i18n/en/push.ts";
import { push as ko } from "./i18n/ko/push.ts";

export type TurnPayload = PushNearFront | PushAdmitted;

/** The notification options this worker uses (some, like vibrate and renotify, are missing from TS's lib). */
export interface TurnNotificationOptions {
  body: string;
  tag: string;
  lang: Lang;
  icon: string;
  silent: boolean;
  renotify: boolean;
  requireInteraction: boolean;
  vibrate?: number[];
  data: { url: string; type: TurnPayload["type"]; eventId: string; ticketId: string };
}

export interface TurnNotification {
  title: string;
  options: TurnNotificationOptions;
}

/** The same pattern as the page's own your-turn alert (src/platform/alert.ts). */
export const TURN_VIBRATION = [400, 150, 400, 150, 800];
const ICON = "/icons/icon-192.png";
const catalogs: Record<Lang, Readonly<Record<keyof typeof ko, string>>> = { ko, en };

/** One notification per ticket, shared with the page's alert (src/platform/alert.ts turnTag). */
export const turnTag = (ticketId: string): string => `jari-turn-${ticketId}`;

/** The waiting room of the event: opening it reads the status. */
export const waitingRoomUrl = (eventId: string): string => `/queue/${encodeURIComponent(eventId)}`;

/** The payload if it is one of the contract's two, else null (a bad payload shows nothing). */
export function readTurnPayload(json: unknown): TurnPayload | null {
  try {
    const type = (json as { type?: unknown } | null)?.type;
    if (type === "admitted") return decoders.PushAdmitted(json);
    if (type === "near-front") return decoders.PushNearFront(json);
  } catch {
    // DecodeError: not a payload of ours.
  }
  return null;
}

const hourMinute = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "Asia/Seoul",
});

/** "20:41": the Korean time of an RFC 3339 timestamp, 24 h, whatever the device's zone. */
export function seoulHourMinute(at: string): string {
  return hourMinute.format(new Date(at));
}

/**
 * The notification for a payload, in `lang`; null for a near-front heads-up while a Jari window is
 * in front (the page shows the place itself). An admission is shown even then: it is harmless.
 */
export function turnNotification(
  payload: TurnPayload,
  lang: Lang,
  context: { windowInFront: boolean },
): TurnNotification | null {
  const messages = catalogs[lang];
  const data = {
    url: waitingRoomUrl(payload.eventId),
    type: payload.type,
    eventId: payload.eventId,
    ticketId: payload.ticketId,
  };
  const base = { tag: turnTag(payload.ticketId), lang, icon: ICON, data };
  if (payload.type === "admitted") {
    const time = seoulHourMinute(payload.expiresAt);
    return {
      title: interpolate(messages["push.admitted.title"], { time }),
      options: {
        ...base,
        body: interpolate(messages["push.admitted.body"], { time }),
        silent: false,
        // Alert again even when the near-front heads-up (same tag) is still shown.
        renotify: true,
        requireInteraction: true,
        vibrate: TURN_VIBRATION,
      },
    };
  }
  if (context.windowInFront) return null;
  const rules = new Intl.PluralRules(lang);
  const params = {
    ahead: payload.ahead.toLocaleString(lang === "ko" ? "ko-KR" : "en-GB"),
    count: payload.ahead,
  };
  return {
    title: interpolate(messages["push.nearFront.title"], params, (n) => rules.select(n)),
    options: {
      ...base,
      body: messages["push.nearFront.body"],
      silent: true,
      renotify: false,
      requireInteraction: false,
    },
  };
}

/**
 * Whether a near-front heads-up may replace what is shown under its tag: never an admission (a
 * late heads-up must not hide "it's your turn"), whether the worker or the page showed it.
 */
export function mayReplace(shown: readonly { data?: unknown }[]): boolean {
  return shown.every((n) => (n.data as { type?: unknown } | null | undefined)?.type === "near-front");
}
