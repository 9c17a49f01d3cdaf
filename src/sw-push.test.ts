import { describe, expect, it } from "vitest";
import { push as en } from "./i18n/en/push.ts";
import { push as ko } from "./i18n/ko/push.ts";
import { mayReplace, readTurnPayload, seoulHourMinute, TURN_VIBRATION, turnNotification } from "./sw-push.ts";

const admitted = {
  type: "admitted",
  eventId: "c55-59",
  ticketId: "t-123",
  expiresAt: "2021-07-19T20:41:07+09:00",
} as const;
const nearFront = {
  type: "near-front",
  eventId: "c55-59",
  ticketId: "t-123",
  ahead: 1234,
  etaSeconds: 150,
} as const;
const away = { windowInFront: false };

describe("readTurnPayload", () => {
  it("accepts the contract's two payloads", () => {
    expect(readTurnPayload(admitted)).toEqual(admitted);
    expect(readTurnPayload(nearFront)).toEqual(nearFront);
  });

  it("refuses anything else, without throwing", () => {
    for (const bad of [
      null,
      "admitted",
      42,
      {},
      { type: "admitted", eventId: "c55-59", ticketId: "t-1" },
      { ...admitted, expiresAt: "soon" },
      { ...nearFront, ahead: -1 },
      { ...nearFront, etaSeconds: 600 },
      { ...admitted, type: "booked" },
    ]) {
      expect(readTurnPayload(bad)).toBeNull();
    }
  });
});

describe("seoulHourMinute", () => {
  it("shows Korean time, 24 h, whatever zone the timestamp is written in", () => {
    expect(seoulHourMinute("2021-07-19T20:41:07+09:00")).toBe("20:41");
    expect(seoulHourMinute("2021-07-19T11:41:00Z")).toBe("20:41");
    expect(seoulHourMinute("2021-07-19T15:05:00Z")).toBe("00:05");
  });
});

describe("turnNotification", () => {
  it("admitted: 'book by 20:41' in Korean, loud, one per ticket, opening the waiting room", () => {
    const shown = turnNotification(admitted, "ko", away);
    expect(shown?.title).toBe("차례가 되었습니다 — 20:41까지 예약하세요");
    expect(shown?.options.body).toContain("20:41");
    expect(shown?.options).toMatchObject({
      tag: "jari-turn-t-123",
      lang: "ko",
      silent: false,
      renotify: true,
      requireInteraction: true,
      vibrate: TURN_VIBRATION,
      data: { url: "/queue/c55-59", type: "admitted", eventId: "c55-59", ticketId: "t-123" },
    });
  });

  it("admitted in English, and still shown when a Jari window is in front", () => {
    const shown = turnNotification(admitted, "en", { windowInFront: true });
    expect(shown?.title).toBe("It's your turn — book by 20:41");
    expect(shown?.options.body).toBe(
      "You have until 20:41 (Korean time) to start booking. Tap to open Jari.",
    );
  });

  it("near-front: a quiet heads-up under the same tag, with the people ahead", () => {
    const shown = turnNotification(nearFront, "en", away);
    expect(shown?.title).toBe("Almost your turn — about 1,234 people ahead");
    expect(shown?.options).toMatchObject({ tag: "jari-turn-t-123", silent: true, requireInteraction: false });
    expect(shown?.options.vibrate).toBeUndefined();
    expect(turnNotification({ ...nearFront, ahead: 1 }, "en", away)?.title).toBe(
      "Almost your turn — about 1 person ahead",
    );
    expect(turnNotification(nearFront, "ko", away)?.title).toBe("곧 차례입니다 — 앞에 약 1,234명");
  });

  it("near-front: skipped while a Jari window is in front", () => {
    expect(turnNotification(nearFront, "ko", { windowInFront: true })).toBeNull();
  });

  it("an event id is escaped in the url", () => {
    expect(turnNotification({ ...admitted, eventId: "a/b?c" }, "ko", away)?.options.data.url).toBe(
      "/queue/a%2Fb%3Fc",
    );
  });

  it("never carries more than the payload's ids and times (no token, nothing personal)", () => {
    const shown = turnNotification({ ...admitted }, "en", away);
    expect(Object.keys(shown?.options.data ?? {}).sort()).toEqual(["eventId", "ticketId", "type", "url"]);
  });
});

describe("mayReplace", () => {
  it("lets a heads-up replace nothing or a heads-up, never an admission (from the worker or the page)", () => {
    expect(mayReplace([])).toBe(true);
    expect(mayReplace([{ data: { type: "near-front" } }])).toBe(true);
    expect(mayReplace([{ data: { type: "admitted" } }])).toBe(false);
    expect(mayReplace([{ data: { url: "/queue/c55-59" } }])).toBe(false);
    expect(mayReplace([{ data: null }])).toBe(false);
  });
});

describe("push catalogs", () => {
  it("have the same keys in Korean and English, and Korean first", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ko).sort());
    for (const key of Object.keys(ko)) expect(key.startsWith("push.")).toBe(true);
  });
});
