import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Services } from "../../src/app/services.ts";
import { loadTranslator } from "../../src/i18n/runtime.ts";
import { registerSW } from "../../src/pwa/register.ts";
import type { PwaController } from "../../src/pwa/types.ts";
import { AppContext } from "../../src/ui/app/context.ts";
import { InstallOffer } from "../../src/ui/app/PwaPrompts.tsx";

const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const ANDROID =
  "Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36";

function open(userAgent: string) {
  vi.spyOn(navigator, "userAgent", "get").mockReturnValue(userAgent);
  return registerSW({ url: "/sw.js", isBusy: () => false, worker: null, events: new EventTarget() });
}

/** The home screen's install offer, drawn for the controller `pwa`. */
async function draw(pwa: PwaController, lang: "ko" | "en" = "en") {
  const t = await loadTranslator(lang, ["pwa"]);
  render(
    <AppContext.Provider value={{ services: {} as Services, lang, t, navigate: () => undefined }}>
      <InstallOffer pwa={pwa} />
    </AppContext.Provider>,
  );
}

afterEach(() => {
  cleanup();
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

  it("is drawn on an iPhone, in English and Korean, and its dismiss hides it for good", async () => {
    await draw(open(IPHONE), "en");
    const hint = screen.getByRole("note");
    expect(hint.textContent).toContain("tap the Share button, then 'Add to Home Screen'");
    fireEvent.click(screen.getByText("Close"));
    expect(screen.queryByRole("note")).toBeNull();
    cleanup();
    // A later visit: still dismissed.
    await draw(open(IPHONE), "en");
    expect(screen.queryByRole("note")).toBeNull();
    cleanup();
    localStorage.clear();
    await draw(open(IPHONE), "ko");
    expect(screen.getByRole("note").textContent).toContain("홈 화면에 추가");
  });

  it("is not drawn on Android", async () => {
    await draw(open(ANDROID), "en");
    expect(screen.queryByRole("note")).toBeNull();
  });
});
