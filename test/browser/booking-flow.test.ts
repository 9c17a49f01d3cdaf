import { afterEach, describe, expect, it } from "vitest";
import { startMockServer } from "../../mocks/server.ts";
import { expectAccessible } from "./axe.ts";
import { launchBrowser } from "./harness.ts";

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

describe("booking in Chromium (production build, mock on a socket)", () => {
  it("goes from join to a confirmed reservation, which still shows offline after a reload", {
    timeout: 120_000,
  }, async () => {
    const server = await startMockServer({ port: 0, staticDir: "dist", scenario: "calm", seed: 1, speed: 5 });
    cleanup.push(() => server.close());
    const b = await launchBrowser();
    cleanup.push(() => b.close());
    const { page, context } = b;

    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="join"][data-event-id="c55-59"]').click();
    await page.locator('[data-testid="start-booking"]').click({ timeout: 45_000 });

    await page.locator('[data-testid="identity-name"]').fill("홍길동");
    await page.locator('[data-testid="identity-birthdate"]').fill("1964-03-02");
    await page.locator('[data-testid="identity-phone"]').fill("01012345678");
    await expectAccessible(page, "booking: identity");
    // What was typed survives a reload inside the admission window.
    await page.reload();
    await page.locator('[data-testid="identity-name"]').waitFor();
    expect(await page.locator('[data-testid="identity-birthdate"]').inputValue()).toBe("1964-03-02");
    expect(await page.locator('[data-testid="identity-name"]').inputValue()).toBe("홍길동");
    await page.locator('[data-testid="identity-submit"]').click();

    await page.locator('[data-testid="region-option"][data-region-code="11"]').click();
    await page.locator('[data-testid="center-option"]').first().click();
    await expectAccessible(page, "booking: slots");
    await page.locator('[data-testid="slot-option"]:not([disabled])').first().click();
    await expectAccessible(page, "booking: confirm");
    await page.locator('[data-testid="confirm-reservation"]').click();

    const card = page.locator('[data-testid="reservation"]');
    await card.waitFor();
    expect(await card.getAttribute("data-status")).toBe("confirmed");
    const code = await card.getAttribute("data-code");
    expect(code).toMatch(/\S+/);
    expect(page.url()).not.toContain("010");
    await expectAccessible(page, "reservation");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // Offline and reloaded (served by the service worker once it controls the page).
    // The app's service worker controls the page from the first reload after it is ready.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    for (let attempt = 0; attempt < 3; attempt++) {
      await page.reload();
      if (await page.evaluate(() => navigator.serviceWorker.controller !== null)) break;
    }
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await card.waitFor({ timeout: 10_000 });
    await context.setOffline(true);
    await page.reload();
    await card.waitFor({ timeout: 15_000 });
    expect(await card.getAttribute("data-code")).toBe(code);

    // No personal data left on the device: not in localStorage, not in the saved draft, not in caches.
    const leftovers = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open("jari");
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const drafts = await new Promise<unknown[]>((resolve, reject) => {
        const read = db.transaction("drafts").objectStore("drafts").getAll();
        read.onsuccess = () => resolve(read.result);
        read.onerror = () => reject(read.error);
      });
      db.close();
      const cached: string[] = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) cached.push(request.url);
      }
      return {
        local: JSON.stringify(localStorage),
        drafts: JSON.stringify(drafts),
        cached: cached.join(" "),
      };
    });
    for (const text of [leftovers.local, leftovers.drafts]) {
      expect(text).not.toContain("홍길동");
      expect(text).not.toContain("1964-03-02");
      expect(text).not.toContain("5678");
    }
    // The worker may keep the public catalog (regions, centers); nothing personal or booked.
    expect(leftovers.cached).not.toMatch(/\/api\/v1\/(identity|reservations|events\/)/);
    await context.setOffline(false);
  });
});
