import { describe, expect, it } from "vitest";
import { loadTranslator } from "./runtime.ts";

// One module state for the file: sections asked for stay loaded, in both languages.
describe("loadTranslator", () => {
  it("loads one language's app section, with placeholders filled", async () => {
    const t = await loadTranslator("ko");
    expect(t("app.name")).toBe("자리");
    expect(t("app.home.cohort", { from: 1962, to: 1966 })).toBe("대상: 1962~1966년생");
  });

  it("returns a key not loaded yet as itself, and the message once its section is loaded", async () => {
    const t = await loadTranslator("en");
    const key = "queue.title" as Parameters<typeof t>[0];
    expect(t(key)).toBe(key);
    await loadTranslator("en", ["queue"]);
    expect(t(key)).not.toBe(key);
  });

  it("brings sections asked for earlier along when another language loads", async () => {
    const ko = await loadTranslator("ko");
    const key = "queue.title" as Parameters<typeof ko>[0];
    expect(ko(key)).not.toBe(key);
  });

  it("picks plural forms by Intl.PluralRules: 1 person, 2 people, 1 center (English said 1 people)", async () => {
    const en = await loadTranslator("en", ["queue", "booking"]);
    expect(en("queue.announce.waiting", { ahead: "1", count: 1 })).toBe("1 person ahead of you.");
    expect(en("queue.announce.waiting", { ahead: "1,234", count: 1234 })).toBe("1,234 people ahead of you.");
    expect(en("queue.announce.waiting", { ahead: "0", count: 0 })).toBe("0 people ahead of you.");
    expect(en("booking.center.count", { count: 1 })).toBe("1 center");
    expect(en("booking.center.count", { count: 3 })).toBe("3 centers");
    const ko = await loadTranslator("ko", ["queue", "booking"]);
    expect(ko("queue.announce.waiting", { ahead: "1", count: 1 })).toBe("내 앞에 1명 남았습니다.");
    expect(ko("booking.center.count", { count: 1 })).toBe("1곳");
  });
});
