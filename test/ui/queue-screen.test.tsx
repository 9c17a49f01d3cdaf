import { act, cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Services } from "../../src/app/services.ts";
import type { QueueView } from "../../src/core/queue/types.ts";
import { interpolate, type Lang, type MessageKey, type MessageParams } from "../../src/i18n/core.ts";
import { en } from "../../src/i18n/en.ts";
import { formatTime } from "../../src/i18n/format-time.ts";
import { ko } from "../../src/i18n/ko.ts";
import { AppContext } from "../../src/ui/app/context.ts";
import type { AlertControls, AlertSettings } from "../../src/ui/queue/alert-controls.ts";
import { QueueScreen } from "../../src/ui/queue/index.ts";
import { baseView, FakeQueueClient, SERVER_EPOCH } from "./queue-fake-client.ts";

const catalogs: Record<Lang, Record<MessageKey, string>> = { ko, en };
const translator = (lang: Lang) => (key: MessageKey, params?: MessageParams) =>
  interpolate(catalogs[lang][key] ?? key, params);

beforeEach(() => {
  vi.useFakeTimers();
  // The device clock is years off: every countdown must still follow server time.
  vi.setSystemTime(new Date("2030-03-01T00:00:00Z"));
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function renderQueue(view: QueueView, options: { lang?: Lang; alerts?: AlertControls | null } = {}) {
  const lang = options.lang ?? "ko";
  const t = translator(lang);
  const client = new FakeQueueClient(view);
  const onStartBooking = vi.fn();
  const onHome = vi.fn();
  render(
    <AppContext.Provider value={{ services: {} as Services, lang, t, navigate: () => undefined }}>
      <QueueScreen
        client={client}
        eventId="e1"
        alerts={options.alerts ?? null}
        lang={lang}
        t={t}
        onStartBooking={onStartBooking}
        onHome={onHome}
      />
    </AppContext.Provider>,
  );
  return { client, t, onStartBooking, onHome, queue: () => screen.getByTestId("queue") };
}

const advance = (ms: number) =>
  act(() => {
    vi.advanceTimersByTime(ms);
  });
/** Lets a click's async intent (dismiss, join, leave) finish. */
const settle = () => act(async () => {});

const hooks = (el: HTMLElement) => ({
  state: el.dataset.state,
  ticketId: el.dataset.ticketId,
  number: el.dataset.number,
  ahead: el.dataset.ahead,
  online: el.dataset.online,
});

const phases: {
  name: string;
  view: QueueView;
  hooks: ReturnType<typeof hooks>;
  ko: string[];
  en: string[];
}[] = [
  {
    name: "joining",
    view: baseView({ phase: "joining", ticketId: null, number: null, ahead: null, updatedAt: null }),
    hooks: { state: "joining", ticketId: "", number: "", ahead: "", online: "true" },
    ko: ["번호표를 받고 있습니다…"],
    en: ["Getting your ticket…"],
  },
  {
    name: "prequeue",
    view: baseView({
      phase: "prequeue",
      number: null,
      ahead: null,
      opensAt: SERVER_EPOCH + 5 * 60_000 + 12_000,
    }),
    hooks: { state: "prequeue", ticketId: "t-123", number: "", ahead: "", online: "true" },
    ko: ["시작까지 5:12", "언제 들어오셨든 기회가 똑같습니다"],
    en: ["Opens in 5:12", "Arriving any time during the pre-queue window gives the same chance"],
  },
  {
    name: "waiting",
    view: baseView(),
    hooks: { state: "waiting", ticketId: "t-123", number: "1200", ahead: "200", online: "true" },
    // From the real projectPosition: 200 ahead at 0.25/s, ±25 % → 640–1,067 s.
    ko: ["1,200번", "200명", "약 10–18분", "0초 전 확인", "자리는 이 휴대폰에 저장되어"],
    en: ["No. 1,200", "about 10–18 min", "updated 0 s ago", "Your place is saved on this phone"],
  },
  {
    name: "admitted",
    view: baseView({
      phase: "admitted",
      ahead: 0,
      admission: { token: "adm", expiresAt: "2021-07-19T20:10:00.000+09:00" },
    }),
    hooks: { state: "admitted", ticketId: "t-123", number: "1200", ahead: "0", online: "true" },
    // Korean day-period words depend on the ICU data Node ships with, so the time comes from the app's formatter.
    ko: ["차례가 되었습니다!", "남은 시간 10:00", `${formatTime("ko", "2021-07-19T20:10:00.000+09:00")}까지`],
    en: ["It's your turn!", "Time left 10:00", "before 20:10:00"],
  },
  {
    name: "expired",
    view: baseView({ phase: "expired" }),
    hooks: { state: "expired", ticketId: "t-123", number: "1200", ahead: "200", online: "true" },
    ko: ["예약 시작 시간이 지났습니다", "새 번호표 받기"],
    en: ["Your booking time has passed", "Take a new ticket"],
  },
  {
    name: "left",
    view: baseView({ phase: "left" }),
    hooks: { state: "left", ticketId: "t-123", number: "1200", ahead: "200", online: "true" },
    ko: ["줄에서 나오셨습니다"],
    en: ["You left the line"],
  },
  {
    name: "closed",
    view: baseView({ phase: "closed" }),
    hooks: { state: "closed", ticketId: "t-123", number: "1200", ahead: "200", online: "true" },
    ko: ["마감되었습니다", "처음 화면으로"],
    en: ["This booking round has closed", "Back to start"],
  },
  {
    name: "rejected",
    view: baseView({ phase: "error", notice: { code: "invalid_token", retryAt: null } }),
    hooks: { state: "error", ticketId: "t-123", number: "1200", ahead: "200", online: "true" },
    ko: ["번호표를 확인할 수 없습니다"],
    en: ["Your ticket could not be verified"],
  },
];

describe("QueueScreen phases", () => {
  it("shows the operators' notice from the ticket's status as plain text, in the user's language", () => {
    const notice = { ko: "서울 <b>마감</b>; 다른 지역 가능", en: "Seoul <b>full</b>; other regions open" };
    renderQueue(baseView({ operatorNotice: notice }), { lang: "en" });
    const shown = screen.getByTestId("notice");
    expect(shown.dataset.code).toBe("operator");
    expect(shown.textContent).toBe("Seoul <b>full</b>; other regions open");
    expect(shown.querySelector("b")).toBeNull();
  });

  for (const phase of phases) {
    for (const lang of ["ko", "en"] as const) {
      it(`${phase.name} (${lang}) renders its hooks and texts`, () => {
        const { queue } = renderQueue(phase.view, { lang });
        expect(hooks(queue())).toEqual(phase.hooks);
        for (const text of phase[lang]) expect(queue().textContent).toContain(text);
      });
    }
  }

  it("shows start-booking only when admitted, and it starts booking", () => {
    const { onStartBooking, client } = renderQueue(baseView());
    expect(screen.queryByTestId("start-booking")).toBeNull();
    act(() =>
      client.setView({
        phase: "admitted",
        admission: { token: "a", expiresAt: "2021-07-19T20:10:00+09:00" },
      }),
    );
    fireEvent.click(screen.getByTestId("start-booking"));
    expect(onStartBooking).toHaveBeenCalledOnce();
  });

  it("offers leave-queue while the place is held", () => {
    for (const phase of ["prequeue", "waiting", "admitted"] as const) {
      renderQueue(baseView({ phase }));
      expect(screen.getByTestId("leave-queue")).toBeTruthy();
      cleanup();
    }
  });

  it("moves the projected position and countdowns with server time, between polls", () => {
    const { queue } = renderQueue(baseView({ phase: "waiting" }), { lang: "en" });
    expect(screen.getByTestId("queue-ahead").textContent).toBe("200");
    advance(40_000);
    expect(screen.getByTestId("queue-ahead").textContent).toBe("190");
    // The hook keeps the last reported value; only the display is projected.
    expect(queue().dataset.ahead).toBe("200");
    expect(screen.getByTestId("queue-updated").textContent).toBe("updated 40 s ago");
  });

  it("counts down to opening in server time, then says it is opening", () => {
    renderQueue(baseView({ phase: "prequeue", number: null, ahead: null, opensAt: SERVER_EPOCH + 65_000 }), {
      lang: "en",
    });
    const countdown = () => screen.getByTestId("prequeue-countdown").textContent;
    expect(countdown()).toBe("Opens in 1:05");
    advance(60_000);
    expect(countdown()).toBe("Opens in 0:05");
    advance(5_000);
    expect(countdown()).toBe("Opening now — getting your number…");
  });

  it("draws progress as a progressbar with a value", () => {
    renderQueue(baseView());
    const bar = screen.getByRole("progressbar");
    expect(bar.getAttribute("aria-valuenow")).toBe("50");
    expect(bar.getAttribute("aria-valuemax")).toBe("100");
  });

  it("says when a follower tab is mirroring another window", () => {
    renderQueue(baseView({ leader: false }), { lang: "en" });
    expect(screen.getByTestId("queue-connection").textContent).toBe(
      "Another window of the app is checking for you",
    );
  });
});

describe("QueueScreen notices", () => {
  it("says when it retries (Korea time) and that the place is kept", () => {
    const retryAt = SERVER_EPOCH + 65_000;
    renderQueue(baseView({ notice: { code: "overloaded", retryAt } }), { lang: "en" });
    const notice = screen.getByTestId("notice");
    expect(notice.dataset.code).toBe("overloaded");
    expect(notice.textContent).toContain("Retrying at 20:01:05. Your place is kept.");
  });

  it("a retry time past the last JavaScript date (a 14-digit Retry-After) still draws the notice", () => {
    const retryAt = SERVER_EPOCH + 99_999_999_999_999 * 1000;
    for (const lang of ["en", "ko"] as const) {
      renderQueue(baseView({ notice: { code: "overloaded", retryAt } }), { lang });
      const notice = screen.getByTestId("notice");
      expect(notice.dataset.code).toBe("overloaded");
      expect(notice.textContent).toContain("—");
      cleanup();
    }
  });

  it("retries in Korean too", () => {
    renderQueue(baseView({ notice: { code: "invalid_response", retryAt: SERVER_EPOCH + 65_000 } }));
    const time = formatTime("ko", SERVER_EPOCH + 65_000);
    expect(time).toMatch(/8:01:05/);
    expect(screen.getByTestId("notice").textContent).toContain(`${time}에 다시 확인합니다`);
  });

  it("shows offline with data-online=false and a kept place", () => {
    const { queue } = renderQueue(baseView({ online: false, notice: { code: "offline", retryAt: null } }), {
      lang: "en",
    });
    expect(queue().dataset.online).toBe("false");
    expect(screen.getByTestId("notice").dataset.code).toBe("offline");
    expect(screen.getByTestId("queue-connection").textContent).toBe("Offline — your place is kept");
  });

  it("warns that a reload will lose the place when storage is memory-only", () => {
    renderQueue(baseView({ durable: false }), { lang: "en" });
    const notice = screen.getByTestId("notice");
    expect(notice.dataset.code).toBe("storage_unavailable");
    expect(notice.textContent).toContain("A reload will lose your place");
  });
});

describe("QueueScreen live region", () => {
  it("announces position changes at most every 30 s", () => {
    renderQueue(baseView({ servingRatePerSecond: 1 }), { lang: "en" });
    const live = screen.getByTestId("queue-live");
    expect(live.getAttribute("aria-live")).toBe("polite");
    expect(live.textContent).toBe("");

    advance(10_000);
    expect(live.textContent).toBe("");
    advance(20_000);
    expect(live.textContent).toBe("170 people ahead of you.");
    advance(20_000);
    expect(live.textContent).toBe("170 people ahead of you.");
    advance(10_000);
    expect(live.textContent).toBe("140 people ahead of you.");
  });

  it("announces admission at once and assertively", () => {
    const { client } = renderQueue(baseView(), { lang: "en" });
    advance(2_000);
    act(() =>
      client.setView({
        phase: "admitted",
        admission: { token: "a", expiresAt: "2021-07-19T20:10:00+09:00" },
      }),
    );
    advance(0);
    const urgent = screen.getByTestId("queue-live-urgent");
    expect(urgent.getAttribute("aria-live")).toBe("assertive");
    expect(urgent.textContent).toBe("It's your turn. Press Start booking.");
  });
});

describe("QueueScreen intents", () => {
  it("asks for confirmation before leaving", async () => {
    const { client } = renderQueue(baseView(), { lang: "en" });
    fireEvent.click(screen.getByTestId("leave-queue"));
    expect(client.calls).not.toContain("leave");
    expect(screen.getByText("Leave the line? You cannot get this place back.")).toBeTruthy();

    fireEvent.click(screen.getByTestId("leave-cancel"));
    expect(screen.queryByTestId("leave-confirm")).toBeNull();
    expect(client.calls).not.toContain("leave");

    fireEvent.click(screen.getByTestId("leave-queue"));
    fireEvent.click(screen.getByTestId("leave-confirm"));
    await settle();
    expect(client.calls.filter((c) => c === "leave")).toHaveLength(1);
  });

  it("a refused leave does not stay on 'Leaving…': it says so and its Try again works", async () => {
    const { client } = renderQueue(baseView(), { lang: "en" });
    client.leaveOutcome = "refused";
    fireEvent.click(screen.getByTestId("leave-queue"));
    fireEvent.click(screen.getByTestId("leave-confirm"));
    expect(screen.getByTestId("leave-confirm").textContent).toBe("Leaving…");
    await settle();
    const confirm = screen.getByTestId("leave-confirm") as HTMLButtonElement;
    expect(confirm.textContent).toBe("Yes, leave");
    expect(confirm.disabled).toBe(false);
    const notice = screen.getByTestId("notice");
    expect(notice.getAttribute("data-code")).toBe("leave_failed");
    expect(notice.textContent).toContain("You still have your place.");

    client.leaveOutcome = "ok";
    fireEvent.click(screen.getByText("Try again"));
    await settle();
    expect(client.calls.filter((c) => c === "leave")).toHaveLength(2);
    expect(screen.queryByTestId("notice")).toBeNull();
  });

  it("after a reload, looks for the saved ticket before saying there is none", async () => {
    const { client, queue } = renderQueue(
      baseView({ phase: "idle", ticketId: null, number: null, ahead: null, updatedAt: null }),
      { lang: "en" },
    );
    expect(queue().dataset.state).toBe("joining");
    expect(queue().textContent).toContain("Looking for your ticket on this phone…");
    expect(screen.queryByTestId("new-ticket")).toBeNull();
    advance(3_000);
    expect(queue().textContent).toContain("This phone holds no ticket for this line.");
    fireEvent.click(screen.getByTestId("new-ticket"));
    await settle();
    expect(client.calls).toEqual(["join:e1"]);
  });

  it("offers a new ticket after expiry but never takes one by itself", async () => {
    const { client } = renderQueue(baseView({ phase: "expired" }));
    advance(5 * 60_000);
    expect(client.calls).toEqual([]);
    fireEvent.click(screen.getByTestId("new-ticket"));
    await settle();
    expect(client.calls).toEqual(["dismiss", "join:e1"]);
  });

  it("goes home from an end state, forgetting the ended ticket", async () => {
    const { client, onHome } = renderQueue(baseView({ phase: "closed" }));
    expect(screen.queryByTestId("new-ticket")).toBeNull();
    fireEvent.click(screen.getByTestId("queue-home"));
    await settle();
    expect(client.calls).toEqual(["dismiss"]);
    expect(onHome).toHaveBeenCalledOnce();
  });

  it("asks for notification permission only from the notify toggle", async () => {
    let settings: AlertSettings = {
      notify: false,
      sound: false,
      permission: "default",
      push: "off",
      installForPush: false,
      keepAwake: null,
    };
    const listeners = new Set<(s: AlertSettings) => void>();
    const setNotify = vi.fn(async (on: boolean) => {
      settings = { ...settings, notify: on, permission: "granted" };
      for (const l of listeners) l(settings);
    });
    const alerts: AlertControls = {
      getSettings: () => settings,
      subscribe: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      setNotify,
      setSound: vi.fn(async () => undefined),
      setKeepAwake: vi.fn(async () => undefined),
    };
    renderQueue(baseView(), { alerts, lang: "en" });
    advance(3_000);
    expect(setNotify).not.toHaveBeenCalled();
    const toggle = screen.getByTestId("alert-notify") as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    fireEvent.click(toggle);
    await settle();
    expect(setNotify).toHaveBeenCalledWith(true);
    expect((screen.getByTestId("alert-notify") as HTMLInputElement).checked).toBe(true);
  });
});
