import type { Page } from "playwright-core";

/**
 * Waits until the app's service worker is active AND controls this page. With
 * registerType "prompt" there is no clientsClaim, so the first visit is not
 * controlled: reload once when needed (that is what a second visit is).
 */
export async function untilControlled(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  const controlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);
  if (!controlled) await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Asks the browser to look for a new service worker now (as it would on its own, later). */
export async function checkForUpdate(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });
}
