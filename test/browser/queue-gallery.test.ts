import preact from "@preact/preset-vite";
import type { Page } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible } from "./axe.ts";
import { type Browser, launchBrowser } from "./harness.ts";

// Every waiting-room state (test/ui/queue-gallery) at 360x640 in Chromium, Korean and English:
// no horizontal scroll, touch targets of at least 44 px, and no axe violations.

const PHASES = [
  "joining",
  "idle",
  "prequeue",
  "waiting",
  "retrying",
  "offline",
  "follower",
  "admitted",
  "expired",
  "left",
  "closed",
  "error",
];

let vite: ViteDevServer;
let browser: Browser;
let base: string;

beforeAll(async () => {
  vite = await createServer({
    root: "test/ui/queue-gallery",
    configFile: false,
    plugins: [preact()],
    logLevel: "error",
    server: { host: "127.0.0.1", port: 0, fs: { allow: [process.cwd()] } },
  });
  await vite.listen();
  base = vite.resolvedUrls?.local[0] ?? "";
  browser = await launchBrowser({ viewport: { width: 360, height: 640 } });
});
afterAll(async () => {
  await browser?.close();
  await vite?.close();
});

/** Interactive elements smaller than 44x44 CSS px (a checkbox counts with its label). */
const smallTargets = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("button, input, a, [role=button]")]
      .map((el) => {
        const box = (el.closest("label") ?? el).getBoundingClientRect();
        return { what: el.outerHTML.slice(0, 80), width: box.width, height: box.height };
      })
      .filter((t) => t.width > 0 && (t.width < 44 || t.height < 44)),
  );

describe("waiting room gallery at 360x640", () => {
  for (const lang of ["ko", "en"]) {
    it(`every state fits, is large enough to tap and passes axe (${lang})`, async () => {
      const { page } = browser;
      for (const phase of PHASES) {
        await page.goto(`${base}?phase=${phase}&lang=${lang}`);
        await page.locator('[data-testid="queue"]').waitFor();
        if (phase === "waiting") await page.locator('[data-testid="leave-queue"]').click();
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, `${phase}: horizontal scroll`).toBeLessThanOrEqual(360);
        expect(await smallTargets(page), `${phase}: small targets`).toEqual([]);
        await expectAccessible(page, `queue ${phase} (${lang})`);
      }
    });
  }
});
