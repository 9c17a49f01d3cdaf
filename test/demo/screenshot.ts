/**
 * The README's picture of the demo panel: `npx tsx test/demo/screenshot.ts`
 * (after `npm run build:demo`). Serves dist-demo, joins the line in the calm
 * scenario during a 503 storm injected from the panel, waits until the request log
 * shows the client waiting out Retry-After, and saves docs/demo-panel.png.
 */
import { launchBrowser } from "../browser/harness.ts";
import { serveStatic } from "../browser/static-server.ts";

const out = process.argv[2] ?? "docs/demo-panel.png";
const lang = process.argv[3] ?? "en";
const server = await serveStatic(process.env.DEMO_DIR ?? "dist-demo");
const b = await launchBrowser({
  viewport: { width: 1280, height: 1000 },
  locale: lang === "en" ? "en-GB" : "ko-KR",
});
try {
  const { page } = b;
  await page.goto(`${server.url}/?scenario=calm&speed=1&seed=3&lang=${lang}`);
  await page.locator('[data-testid="events"]').waitFor({ timeout: 30_000 });
  await page.locator('[data-testid="demo-hint-dismiss"]').click();
  await page.locator('[data-testid="birth-year"]').fill("1964");
  await page.locator('[data-testid="birth-year-submit"]').click();
  await page.locator('[data-testid="demo-panel-open"]').click();
  await page.locator('[data-testid="demo-fault-storm"]').click();
  await page.locator('[data-testid="join"][data-event-id="c55-59"]').click();
  await page.waitForFunction(
    () => document.querySelector('[data-testid="demo-request"][data-reason="retry-after"]') !== null,
    undefined,
    { timeout: 120_000 },
  );
  await page.waitForTimeout(2_000);
  await page.locator('[data-testid="demo-panel"]').evaluate((panel) => panel.scrollTo(0, 0));
  await page.screenshot({ path: out });
  console.log(`saved ${out}`);
} finally {
  await b.close();
  await server.close();
}
