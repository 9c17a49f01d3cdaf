import { describe, expect, it } from "vitest";
import type { QueueView } from "../../src/core/queue/types.ts";
import { en } from "../../src/i18n/en.ts";
import { ko } from "../../src/i18n/ko.ts";
import type { AlertSettings } from "../../src/ui/queue/alert-controls.ts";
import { reassureKey } from "../../src/ui/queue/reassure.ts";

const view = (phase: QueueView["phase"], durable = true) => ({ phase, durable }) as QueueView;
const settings = (patch: Partial<AlertSettings>): AlertSettings => ({
  notify: false,
  sound: false,
  permission: "default",
  push: "off",
  installForPush: false,
  keepAwake: null,
  ...patch,
});

describe("what the waiting room says about closing the app, by capability", () => {
  it("offers closing the app only when the server will push the turn to this phone", () => {
    const key = reassureKey(view("waiting"), settings({ notify: true, permission: "granted", push: "on" }));
    expect(key).toBe("queue.reassure.push");
    expect(en[key ?? "queue.reassure.open"]).toContain("You can close the app");
    expect(en[key ?? "queue.reassure.open"]).toContain("10 minutes");
    expect(ko[key ?? "queue.reassure.open"]).toContain("10분");
  });

  it("asks to keep the screen open when push is off or the server has none", () => {
    for (const push of ["off", "unavailable", "unknown"] as const) {
      const key = reassureKey(view("waiting"), settings({ push }));
      expect(key).toBe("queue.reassure.open");
      expect(en[key ?? "queue.reassure.push"]).toContain("Keep this screen open, or turn on notifications");
      expect(en[key ?? "queue.reassure.push"]).not.toContain("close the app");
    }
  });

  it("an iPhone in Safari is told to add Jari to the Home Screen to be notified", () => {
    const key = reassureKey(view("prequeue"), settings({ push: "unavailable", installForPush: true }));
    expect(key).toBe("queue.reassure.installForPush");
    expect(en[key ?? "queue.reassure.push"]).toContain("Add Jari to your Home Screen to be notified");
    expect(ko[key ?? "queue.reassure.push"]).toContain("홈 화면에 추가");
  });

  it("says nothing about closing the app once admitted", () => {
    expect(reassureKey(view("admitted"), settings({ push: "on" }))).toBeNull();
  });

  it("warns when the place lives in memory only, whatever push says", () => {
    expect(reassureKey(view("waiting", false), settings({ push: "on" }))).toBe("queue.reassure.memory");
  });
});
