import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { SCENARIO_NAMES } from "../../mocks/model/scenarios.ts";
import { expectAccessible } from "./axe.ts";
import { launchBrowser } from "./harness.ts";
import { serveStatic } from "./static-server.ts";

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

const REASONS = ["held-read", "retry-after", "backoff", "server-hint", "user", "first", "screen", "early"];

async function start(viewport?: { width: number; height: number }) {
  const server = await serveStatic("dist-demo");
  cleanup.push(() => server.close());
  const b = await launchBrowser(viewport ? { viewport } : {});
  cleanup.push(() => b.close());
  return { server, b, page: b.page };
}

/** The request log's rows as the panel draws them. */
function requestRows(page: Page) {
  return page
    .locator('[data-testid="demo-request"]')
    .evaluateAll((rows) =>
      rows.map((row) => ({ gap: row.getAttribute("data-gap-ms"), reason: row.getAttribute("data-reason") })),
    );
}

/** Waits until the live chart has drawn more samples than it had: it updates by itself. */
async function chartMoves(page: Page): Promise<void> {
  const chart = page.locator('[data-testid="demo-load-chart"]');
  const before = Number(await chart.getAttribute("data-samples"));
  await page.waitForFunction(
    (n) =>
      Number(document.querySelector('[data-testid="demo-load-chart"]')?.getAttribute("data-samples")) > n,
    before,
    { timeout: 10_000 },
  );
}

describe("the demo panel (demo build)", () => {
  it("opens in every scenario with a live chart and this device's requests, each with a gap and a reason", {
    timeout: 240_000,
  }, async () => {
    const { server, b, page } = await start();
    await page.goto(`${server.url}/?scenario=calm&speed=10&seed=1`);
    await page.locator('[data-testid="events"]').waitFor({ timeout: 30_000 });
    // First visit: two lines on what to try, dismissible and remembered.
    const hint = page.locator('[data-testid="demo-hint"]');
    await hint.waitFor({ timeout: 10_000 });
    expect(await hint.locator("p").count()).toBe(2);
    const open = page.locator('[data-testid="demo-panel-open"]');
    const box = await open.boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(44);
    expect(await open.getAttribute("aria-expanded")).toBe("false");
    await open.click();
    const panel = page.locator('[data-testid="demo-panel"]');
    await panel.waitFor();
    expect(await open.getAttribute("aria-expanded")).toBe("true");
    await expectAccessible(page, "the demo panel (calm)");

    for (const scenario of SCENARIO_NAMES) {
      if (scenario !== "calm") await page.goto(`${server.url}/?scenario=${scenario}&speed=10&seed=1`);
      // The panel stays open across the reload (this tab remembers it).
      await page
        .locator(`[data-testid="demo-panel"][data-scenario="${scenario}"]`)
        .waitFor({ timeout: 30_000 });
      await chartMoves(page);
      await page.locator('[data-testid="demo-request"]').first().waitFor({ timeout: 30_000 });
      const rows = await requestRows(page);
      expect(rows.length, scenario).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.gap, scenario).toMatch(/^\d+$/);
        expect(REASONS, scenario).toContain(row.reason);
      }
      const inLine = Number(
        (await page.locator('[data-testid="demo-live-in-line"]').textContent())?.replace(/\D/g, ""),
      );
      // The 2021 crowd in the surge scenarios; a short line in the calm ones ("closed" strands a crowd).
      if (scenario === "opening-surge" || scenario === "overload")
        expect(inLine, scenario).toBeGreaterThan(1e6);
      else if (scenario !== "closed") expect(inLine, scenario).toBeLessThan(10_000);
    }
    await expectAccessible(page, "the demo panel (scenario closed)");

    // 2021 vs Jari: thousands of simulated phones in a Web Worker, drawn as they go.
    await page.locator('[data-testid="demo-fleet-run"]').click();
    const fleet = page.locator('[data-testid="demo-fleet-chart"]');
    await fleet.waitFor({ timeout: 60_000 });
    await page.waitForFunction(
      () => document.querySelector('[data-testid="demo-fleet-chart"]')?.getAttribute("data-done") === "true",
      undefined,
      { timeout: 60_000 },
    );
    const fleetRequests = await page
      .locator('[data-testid="demo-fleet-results"] li')
      .evaluateAll((items) =>
        Object.fromEntries(
          items.map((li) => [li.getAttribute("data-strategy"), Number(li.getAttribute("data-requests"))]),
        ),
      );
    expect(fleetRequests.hammer).toBeGreaterThan(20 * (fleetRequests.jari ?? Number.POSITIVE_INFINITY));
    await expectAccessible(page, "the demo panel with the 2021-vs-Jari run");

    // Restart from the panel: another scenario and speed, the panel open again, the hint gone once dismissed.
    await page.locator('[data-testid="demo-hint-dismiss"]').click();
    await page.locator('[data-testid="demo-scenario"]').selectOption("overload");
    await page.locator('[data-testid="demo-speed-60"]').check();
    await page.locator('[data-testid="demo-restart"]').click();
    await page.locator('[data-testid="demo-panel"][data-scenario="overload"]').waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get("speed")).toBe("60");
    expect(await page.locator('[data-testid="demo-hint"]').count()).toBe(0);
    expect(await page.locator(".demo-panel .demo-meta").first().textContent()).toContain("60");

    await page.locator('[data-testid="demo-panel-close"]').click();
    expect(await panel.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe(
      "demo-panel-open",
    );
    expect(await b.cspViolations()).toEqual([]);
  });

  it("a 503 storm injected from the panel: the next request waits for Retry-After (or backs off)", {
    timeout: 150_000,
  }, async () => {
    const { server, page } = await start({ width: 1200, height: 800 });
    await page.goto(`${server.url}/?scenario=calm&speed=1&seed=2`);
    await page.locator('[data-testid="events"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="birth-year"]').fill("1964");
    await page.locator('[data-testid="birth-year-submit"]').click();
    await page.locator('[data-testid="demo-panel-open"]').click();
    await page.locator('[data-testid="demo-fault-storm"]').click();
    expect(await page.locator('[data-testid="demo-fault-status"]').textContent()).toContain("503");

    await page.locator('[data-testid="join"][data-event-id="c55-59"]').click();
    // The join meets the storm (503 + Retry-After); the retry waits for it.
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid="demo-request"]')].some(
          (row) =>
            row.getAttribute("data-reason") === "retry-after" ||
            row.getAttribute("data-reason") === "backoff",
        ),
      undefined,
      { timeout: 90_000 },
    );
    const rows = await requestRows(page);
    const retry = rows.find((r) => r.reason === "retry-after" || r.reason === "backoff");
    // A storm's Retry-After is at most 30 s; the retry came no sooner than it said (minus rounding).
    if (retry?.reason === "retry-after") expect(Number(retry.gap)).toBeGreaterThan(1_000);
    expect(rows.some((r) => r.reason === "user")).toBe(true);
    await expectAccessible(page, "the demo panel after a 503 storm (wide)");
  });

  it("works offline from the precache once visited, the worker included", { timeout: 120_000 }, async () => {
    const { server, page } = await start();
    await page.goto(`${server.url}/?scenario=calm&speed=10&seed=4`);
    await page.locator('[data-testid="events"]').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.waitForLoadState("networkidle");
    await server.close();
    await page.reload();
    await page.locator('[data-testid="events"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="demo-panel-open"]').click({ timeout: 30_000 });
    await chartMoves(page);
    await page.locator('[data-testid="demo-request"]').first().waitFor();
    await page.locator('[data-testid="demo-fleet-run"]').click();
    await page.locator('[data-testid="demo-fleet-chart"]').waitFor({ timeout: 60_000 });
  });
});
