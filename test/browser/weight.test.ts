import { afterEach, describe, expect, it } from "vitest";
import { checkWeight } from "../../bench/weight-check.ts";
import { startMockServer } from "../../mocks/server.ts";
import { type Browser, launchBrowser } from "./harness.ts";

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

describe("weight budget is measured on what the browser loads", () => {
  it("the home screen fetches exactly the JavaScript bench/weight.ts counts (plus the service-worker side, loaded when idle)", async () => {
    const server = await startMockServer({ port: 0, staticDir: "dist", scenario: "calm", seed: 1 });
    cleanup.push(() => server.close());
    const b: Browser = await launchBrowser();
    cleanup.push(() => b.close());
    const scripts = new Set<string>();
    b.page.on("request", (r) => {
      const path = new URL(r.url()).pathname;
      if (path.endsWith(".js") && path !== "/sw.js") scripts.add(path.slice(1));
    });
    await b.page.goto(`${server.url}/`);
    await b.page.locator('[data-testid="events"]').waitFor();
    await b.page.waitForLoadState("networkidle");

    const report = await checkWeight("dist");
    const counted = new Set(report.firstScreen.map((f) => f.file));
    const deferred = [...scripts].filter((s) => !counted.has(s));
    // Only the service-worker side, which main.tsx loads after load and idle on purpose: workbox-window,
    // the registration (with its interval helper), and the install/update prompts with their words,
    // which load once a service worker is there to prompt about.
    const serviceWorkerSide =
      /^assets\/(workbox-window[.\w-]*|register|every|PwaPrompts|i18n-(ko|en)-pwa)-[\w-]+\.js$/;
    expect(deferred.filter((s) => !serviceWorkerSide.test(s))).toEqual([]);
    expect([...counted].every((f) => scripts.has(f))).toBe(true);
  });
});
