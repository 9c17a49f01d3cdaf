/**
 * Takes the manifest's install-sheet screenshots (narrow 720×1280, wide 1280×720)
 * of the production build's home screen on the mock. Run after `npm run build`:
 *   npx tsx test/browser/tools/make-screenshots.ts
 */
import { chromium } from "playwright-core";
import { startMockServer } from "../../../mocks/server.ts";
import { CHROMIUM_ARGS, chromiumPath } from "../chromium.ts";

const shots = [
  { file: "public/screenshots/narrow.png", width: 360, height: 640, scale: 2 },
  { file: "public/screenshots/wide.png", width: 1280, height: 720, scale: 1 },
];

const server = await startMockServer({ port: 0, staticDir: "dist", scenario: "calm", seed: 1 });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  for (const shot of shots) {
    const page = await browser.newPage({
      viewport: { width: shot.width, height: shot.height },
      deviceScaleFactor: shot.scale,
      locale: "ko-KR",
      timezoneId: "Asia/Seoul",
    });
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="events"]').waitFor();
    await page.screenshot({ path: shot.file });
    await page.close();
    console.log(`wrote ${shot.file}`);
  }
} finally {
  await browser.close();
  await server.close();
}
