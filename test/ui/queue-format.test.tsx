import { describe, expect, it } from "vitest";
import { interpolate, type MessageKey, type MessageParams } from "../../src/i18n/core.ts";
import { en } from "../../src/i18n/en.ts";
import { shouldAnnounce } from "../../src/ui/queue/announce.ts";
import { formatCountdown, formatEta, formatUpdatedAgo } from "../../src/ui/queue/format.ts";

const t = (key: MessageKey, params?: MessageParams) => interpolate(en[key], params);

describe("queue formatting", () => {
  it("counts down in m:ss, then h:mm:ss, never below zero", () => {
    expect(formatCountdown(65_000)).toBe("1:05");
    expect(formatCountdown(3_600_000 + 125_000)).toBe("1:02:05");
    expect(formatCountdown(400)).toBe("0:01");
    expect(formatCountdown(-5_000)).toBe("0:00");
  });

  it("gives the ETA as a range in minutes, hours for long waits", () => {
    expect(formatEta(t, null)).toBe("Estimating");
    expect(formatEta(t, { minSeconds: 10, maxSeconds: 50 })).toBe("under a minute");
    expect(formatEta(t, { minSeconds: 720, maxSeconds: 960 })).toBe("about 12–16 min");
    // A range never collapses to one number.
    expect(formatEta(t, { minSeconds: 600, maxSeconds: 600 })).toBe("about 10–11 min");
    expect(formatEta(t, { minSeconds: 3 * 3600, maxSeconds: 4.5 * 3600 })).toBe("about 3–5 h");
  });

  it("says how fresh the position is", () => {
    expect(formatUpdatedAgo(t, null, 0)).toBe("not updated yet");
    expect(formatUpdatedAgo(t, 1_000, 13_500)).toBe("updated 12 s ago");
    expect(formatUpdatedAgo(t, 0, 150_000)).toBe("updated 2 min ago");
    // A status stamped a little ahead of our server-clock estimate is "now".
    expect(formatUpdatedAgo(t, 2_000, 1_000)).toBe("updated 0 s ago");
  });
});

describe("announcement pacing", () => {
  const spoken = (text: string, phase = "waiting", urgent = false) => ({ text, phase, urgent });
  it("says nothing on arrival unless urgent", () => {
    expect(shouldAnnounce(null, spoken("200 ahead"), 0)).toBe(false);
    expect(shouldAnnounce(null, spoken("your turn", "admitted", true), 0)).toBe(true);
  });
  it("says a phase change at once and other changes at most every 30 s", () => {
    const last = { ...spoken("200 ahead"), at: 0 };
    expect(shouldAnnounce(last, spoken("190 ahead"), 29_999)).toBe(false);
    expect(shouldAnnounce(last, spoken("190 ahead"), 30_000)).toBe(true);
    expect(shouldAnnounce(last, spoken("200 ahead"), 60_000)).toBe(false);
    expect(shouldAnnounce(last, spoken("your turn", "admitted", true), 1)).toBe(true);
  });
});
