/**
 * Issue 11 item 7, every citizen: at 360×640 with 200 % text nothing scrolls sideways on any screen
 * (home, waiting room, each booking step, the reservation); in dark mode axe finds nothing; with
 * reduced motion nothing moves on its own. The production build on the mock socket server.
 */
import type { CDPSession, Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { expectAccessible } from "./axe.ts";
import { EVENT, fillIdentity, startRig } from "./chaos-setup.ts";

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

/**
 * Sets the browser's default text size (Chromium's setting, 16 px at 100 %), as a phone's text-size
 * setting does, and waits until the page has taken it (the app's root is 112.5 % of it).
 */
async function setTextSize(page: Page, cdp: CDPSession, percent: number): Promise<void> {
  await cdp.send("Page.setFontSizes", {
    fontSizes: { standard: (16 * percent) / 100, fixed: (13 * percent) / 100 },
  });
  await page.waitForFunction(
    (px) => getComputedStyle(document.documentElement).fontSize === `${px}px`,
    (18 * percent) / 100,
    { timeout: 5_000 },
  );
}

/** How far the page scrolls sideways (0 when it fits). */
const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Elements whose text runs over two or more lines although it should stay on one. */
const wrapped = (page: Page, selector: string) =>
  page.$$eval(selector, (els) =>
    els
      .filter(
        (el) => el.getBoundingClientRect().height > 1.5 * Number.parseFloat(getComputedStyle(el).lineHeight),
      )
      .map((el) => el.textContent),
  );

/** Anything that animates or transitions for longer than a blink. */
const moving = (page: Page) =>
  page.evaluate(() => {
    const seconds = (list: string) =>
      Math.max(...list.split(",").map((d) => Number.parseFloat(d) * (d.trim().endsWith("ms") ? 0.001 : 1)));
    return [...document.querySelectorAll("*")]
      .filter((el) => {
        const style = getComputedStyle(el);
        const animates = style.animationName !== "none" && seconds(style.animationDuration) > 0.001;
        return animates || seconds(style.transitionDuration) > 0.001;
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
  });

describe("every citizen: large text, dark mode, reduced motion, at 360×640", () => {
  it("no screen scrolls sideways at 200 % text, axe finds nothing in dark mode, and nothing moves", {
    timeout: 180_000,
  }, async () => {
    const rig = await startRig(cleanup, { speed: 5 });
    const { page } = rig;
    await page.emulateMedia({ colorScheme: "dark", reducedMotion: "reduce" });
    const cdp = await page.context().newCDPSession(page);

    /** At each screen: 200 % text fits the width; back at 100 %, axe in dark mode; nothing moves. */
    const check = async (label: string) => {
      await setTextSize(page, cdp, 200);
      expect(await sideways(page), `${label} at 200 % text`).toBeLessThanOrEqual(0);
      await setTextSize(page, cdp, 100);
      await expectAccessible(page, `${label} (dark)`);
      expect(await moving(page), `${label} with reduced motion`).toEqual([]);
    };

    await page.goto(`${rig.url}/`);
    await page.locator('[data-testid="events"]').waitFor();
    // Dark is really on: a dark page, light text.
    const colours = await page.evaluate(() => {
      const root = getComputedStyle(document.documentElement);
      return [root.backgroundColor, root.color];
    });
    expect(colours).toEqual(["rgb(18, 20, 23)", "rgb(238, 241, 245)"]);
    await page.locator('[data-testid="birth-year"]').fill("1964");
    await page.locator('[data-testid="birth-year-submit"]').click();
    await page.locator(".event.mine").waitFor();
    // "Your age group" does not run into the status word beside it.
    const gap = await page.evaluate(() => {
      const label = document.querySelector(".event.mine .mine-label")?.getBoundingClientRect();
      const status = document.querySelector(".event.mine .status")?.getBoundingClientRect();
      return label && status && Math.abs(label.top - status.top) < 4 ? status.left - label.right : null;
    });
    expect(gap === null || gap >= 8).toBe(true);
    await check("home");

    await page.locator(`[data-testid="join"][data-event-id="${EVENT}"]`).click();
    await page
      .locator('[data-testid="queue"][data-state="waiting"], [data-testid="queue"][data-state="admitted"]')
      .waitFor({
        timeout: 30_000,
      });
    await check("waiting room");
    await page.locator('[data-testid="start-booking"]').click({ timeout: 60_000 });

    await page.locator('[data-testid="identity-name"]').waitFor();
    await fillIdentity(page);
    await check("booking: identity");
    await page.locator('[data-testid="identity-submit"]').click();
    await page.locator('[data-testid="region-option"][data-region-code="11"]').waitFor();
    await check("booking: region");
    await page.locator('[data-testid="region-option"][data-region-code="11"]').click();
    await page.locator('[data-testid="center-option"]').first().waitFor();
    await check("booking: center");
    await page.locator('[data-testid="center-option"]').first().click();
    await page.locator('[data-testid="slot-date"]').first().waitFor();
    await check("booking: slots");
    // A day's chip keeps "12월 10일 (목)" on one line, at 100 % and at 200 % text.
    expect(await wrapped(page, '[data-testid="slot-date"] .choice-title')).toEqual([]);
    await setTextSize(page, cdp, 200);
    expect(await wrapped(page, '[data-testid="slot-date"] .choice-title')).toEqual([]);
    await setTextSize(page, cdp, 100);
    await page.locator('[data-testid="slot-option"]:not([disabled])').first().click();
    await page.locator('[data-testid="confirm-reservation"]').waitFor();
    await check("booking: confirm");
    await page.locator('[data-testid="confirm-reservation"]').click();

    await page.locator('[data-testid="reservation"][data-status="confirmed"]').waitFor();
    await check("reservation");
  });
});
