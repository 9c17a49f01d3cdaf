import { createServer } from "vite";
import { afterEach, describe, expect, it } from "vitest";
import { SCENARIOS } from "../../mocks/model/scenarios.ts";
import { startMockServer } from "../../mocks/server.ts";
import { expectAccessible } from "./axe.ts";
import { type Browser, launchBrowser } from "./harness.ts";
import { serveStatic } from "./static-server.ts";

const HANGUL = /[\uAC00-\uD7A3]/;
const calmEventIds = SCENARIOS.calm.events.map((e) => e.id).sort();

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

async function browser(options?: Parameters<typeof launchBrowser>[0]): Promise<Browser> {
  const b = await launchBrowser(options);
  cleanup.push(() => b.close());
  return b;
}

describe("app shell in Chromium", () => {
  it("the demo loads, lists the events from the mock in Korean, switches to English", async () => {
    const server = await serveStatic("dist-demo");
    cleanup.push(() => server.close());
    const { page, cspViolations } = await browser();

    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="events"]').waitFor();

    expect(await page.locator("html").getAttribute("lang")).toBe("ko");
    expect(await page.locator("h1").textContent()).toBe("예약 행사");
    expect(await page.locator('[data-testid="demo-badge"]').textContent()).toBe("데모");
    const ids = await page
      .locator(".event")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-event-id")));
    expect(ids.sort()).toEqual(calmEventIds);
    const koNames = await page.locator(".event h2").allTextContents();
    expect(koNames.every((n) => HANGUL.test(n))).toBe(true);
    expect(await page.locator('[data-testid="join"]').count()).toBeGreaterThan(0);
    await expectAccessible(page, "home (ko)");

    await page.locator('[data-testid="lang-switch"]').click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    expect(await page.locator("h1").textContent()).toBe("Booking events");
    expect(await page.locator('[data-testid="demo-badge"]').textContent()).toBe("Demo");
    const enNames = await page.locator(".event h2").allTextContents();
    expect(enNames.length).toBe(koNames.length);
    expect(enNames.some((n) => HANGUL.test(n))).toBe(false);
    await expectAccessible(page, "home (en)");

    expect(await cspViolations()).toEqual([]);
  });

  it("opens in English with ?lang=en or an English browser", async () => {
    const server = await serveStatic("dist-demo");
    cleanup.push(() => server.close());
    const { page } = await browser({ locale: "en-US" });
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="events"]').waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await page.goto(`${server.url}/?lang=ko`);
    await page.locator('[data-testid="events"]').waitFor();
    expect(await page.locator("h1").textContent()).toBe("예약 행사");
  });

  it("the production build runs against a real HTTP server that serves the mock model on a socket", async () => {
    const server = await startMockServer({ port: 0, staticDir: "dist", scenario: "calm", seed: 1 });
    cleanup.push(() => server.close());
    const { page, cspViolations } = await browser();
    const apiCalls: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname.startsWith("/api/")) apiCalls.push(new URL(r.url()).pathname);
    });

    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="events"]').waitFor();

    expect(apiCalls).toContain("/api/v1/events");
    expect(await page.locator('[data-testid="demo-badge"]').count()).toBe(0);
    const ids = await page
      .locator(".event")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-event-id")));
    expect(ids.sort()).toEqual(calmEventIds);
    await expectAccessible(page, "home (production)");
    expect(await cspViolations()).toEqual([]);
  });

  it("shows a notice with a retry when the API is down, and recovers", async () => {
    const server = await startMockServer({ port: 0, staticDir: "dist", scenario: "calm", seed: 1 });
    cleanup.push(() => server.close());
    const { page } = await browser();
    let failing = true;
    await page.route("**/api/v1/events", (route) =>
      failing
        ? route.fulfill({ status: 200, contentType: "application/json", body: "{not json" })
        : route.fallback(),
    );
    await page.goto(`${server.url}/`);
    const notice = page.locator('[data-testid="notice"]');
    await notice.waitFor();
    expect(await notice.getAttribute("data-code")).toBe("invalid_response");
    await expectAccessible(page, "home with a notice");
    failing = false;
    await notice.locator("button").click();
    await page.locator('[data-testid="events"]').waitFor();
    expect(await notice.count()).toBe(0);
  });

  it("fits a 360×640 phone without horizontal scrolling, with touch targets of 44 px or more", async () => {
    const server = await startMockServer({ port: 0, staticDir: "dist", scenario: "calm", seed: 1 });
    cleanup.push(() => server.close());
    const { page } = await browser({ viewport: { width: 360, height: 640 } });
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="events"]').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const small = await page.evaluate(
      () =>
        [...document.querySelectorAll("button, a.btn, .header a")]
          .map((el) => el.getBoundingClientRect())
          .filter((r) => r.width > 0 && (r.height < 44 || r.width < 44)).length,
    );
    expect(small).toBe(0);
  });

  it("`npm start`: the dev server shows the demo home with the events from the mock in Korean", async () => {
    const vite = await createServer({
      mode: "demo",
      logLevel: "error",
      server: { host: "127.0.0.1", port: 0 },
    });
    await vite.listen();
    cleanup.push(() => vite.close());
    const url = vite.resolvedUrls?.local[0];
    if (!url) throw new Error("the dev server printed no local URL");
    const { page } = await browser();
    await page.goto(url);
    await page.locator('[data-testid="events"]').waitFor({ timeout: 45_000 });
    expect(await page.locator('[data-testid="demo-badge"]').textContent()).toBe("데모");
    const ids = await page
      .locator(".event")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-event-id")));
    expect(ids.sort()).toEqual(calmEventIds);
  });

  it("the skip link reaches the content, and a route change moves focus to the new heading", async () => {
    const server = await startMockServer({ port: 0, staticDir: "dist", scenario: "calm", seed: 1 });
    cleanup.push(() => server.close());
    const { page } = await browser();
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="events"]').waitFor();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("skip-link");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");

    await page.locator('.header-nav a[href="/reservations"]').click();
    await page.waitForFunction(() => document.activeElement?.tagName === "H1");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("내 예약");
    expect(new URL(page.url()).pathname).toBe("/reservations");
    await page.goBack();
    await page.locator('[data-testid="events"]').waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("예약 행사");
  });
});
