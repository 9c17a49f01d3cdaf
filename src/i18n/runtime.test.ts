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
});
