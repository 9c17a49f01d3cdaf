import { afterEach, describe, expect, it, vi } from "vitest";
import { registerSW } from "../../src/pwa/register.ts";

const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const ANDROID =
  "Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36";

function open(userAgent: string) {
  vi.spyOn(navigator, "userAgent", "get").mockReturnValue(userAgent);
  return registerSW({ url: "/sw.js", isBusy: () => false, worker: null, events: new EventTarget() });
}

afterEach(() => {
  vi.restoreAllMocks();
  localStorage.clear();
});

describe("Add to Home Screen hint for iOS Safari (no beforeinstallprompt there)", () => {
  it("is offered on an iPhone browser tab", () => {
    expect(open(IPHONE).getState().iosHint).toBe(true);
  });

  it("is not offered elsewhere, where the install button serves", () => {
    expect(open(ANDROID).getState().iosHint).toBe(false);
  });

  it("stays dismissed once the user closes it", () => {
    open(IPHONE).dismissIosHint();
    expect(open(IPHONE).getState().iosHint).toBe(false);
  });
});
