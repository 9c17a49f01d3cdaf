// Every waiting-room state on its own page (?phase=…&lang=…), rendered from a fake client,
// so a browser test can check layout and accessibility of each (test/browser/queue-gallery.test.ts).
import "../../../src/ui/styles.css";
import { render } from "preact";
import type { Services } from "../../../src/app/services.ts";
import type { QueueView } from "../../../src/core/queue/types.ts";
import { interpolate, type Lang, type MessageKey, type MessageParams } from "../../../src/i18n/core.ts";
import { en } from "../../../src/i18n/en.ts";
import { ko } from "../../../src/i18n/ko.ts";
import { AppContext } from "../../../src/ui/app/context.ts";
import { type AlertSettings, QueueScreen } from "../../../src/ui/queue/index.ts";
import { baseView, FakeQueueClient, SERVER_EPOCH } from "../queue-fake-client.ts";

/** The states worth looking at, by name. */
export const GALLERY: Record<string, Partial<QueueView>> = {
  joining: { phase: "joining", ticketId: null, number: null, ahead: null, updatedAt: null },
  idle: { phase: "idle", ticketId: null, number: null, ahead: null, updatedAt: null },
  prequeue: { phase: "prequeue", number: null, ahead: null, opensAt: SERVER_EPOCH + 312_000 },
  waiting: { phase: "waiting", number: 123456, ahead: 45678, servingRatePerSecond: 20 },
  retrying: { notice: { code: "overloaded", retryAt: SERVER_EPOCH + 65_000 }, durable: false },
  offline: { online: false, notice: { code: "offline", retryAt: null } },
  follower: { leader: false },
  admitted: {
    phase: "admitted",
    ahead: 0,
    admission: { token: "a", expiresAt: "2021-07-19T20:10:00+09:00" },
  },
  expired: { phase: "expired" },
  left: { phase: "left" },
  closed: { phase: "closed" },
  error: { phase: "error", notice: { code: "invalid_token", retryAt: null } },
};

const query = new URLSearchParams(location.search);
const lang: Lang = query.get("lang") === "en" ? "en" : "ko";
document.documentElement.lang = lang;
const catalog: Record<MessageKey, string> = lang === "en" ? en : ko;
const t = (key: MessageKey, params?: MessageParams) => interpolate(catalog[key] ?? key, params);
const client = new FakeQueueClient(baseView(GALLERY[query.get("phase") ?? "waiting"]));
const settings: AlertSettings = {
  notify: false,
  sound: false,
  push: "off",
  installForPush: false,
  keepAwake: null,
  permission: query.has("denied") ? "denied" : "default",
};

render(
  <AppContext.Provider value={{ services: {} as Services, lang, t, navigate: () => undefined }}>
    <QueueScreen
      client={client}
      eventId="e1"
      alerts={{
        getSettings: () => settings,
        subscribe: () => () => undefined,
        setNotify: async () => undefined,
        setSound: async () => undefined,
        setKeepAwake: async () => undefined,
      }}
      lang={lang}
      t={t}
      onStartBooking={() => undefined}
      onHome={() => undefined}
    />
  </AppContext.Provider>,
  document.getElementById("root") as HTMLElement,
);
