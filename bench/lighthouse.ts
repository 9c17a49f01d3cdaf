/**
 * Lighthouse (pinned 12.8.2, system Chromium, default mobile emulation) over the
 * production build served same-origin with the mock model on a real socket.
 * Usage: npm run build && npm run bench:lighthouse
 * Prints the scores and exits non-zero when a target is missed.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { startMockServer } from "../mocks/server.ts";
import { CHROMIUM_ARGS, chromiumPath } from "../test/browser/chromium.ts";

const targets = { performance: 95, accessibility: 100, "best-practices": 95 } as const;
type Category = keyof typeof targets;

if (!existsSync("dist/index.html")) {
  console.error("No production build: run `npm run build` first");
  process.exit(2);
}

const server = await startMockServer({ port: 0, staticDir: "dist", scenario: "calm" });
const chrome = await chromeLauncher.launch({
  chromePath: chromiumPath(),
  // Lighthouse, unlike Playwright, needs --headless spelled out.
  chromeFlags: ["--headless=new", ...CHROMIUM_ARGS],
});

try {
  const result = await lighthouse(`${server.url}/`, {
    port: chrome.port,
    output: "json",
    logLevel: "error",
    onlyCategories: Object.keys(targets),
  });
  if (!result) throw new Error("Lighthouse returned no result");
  const scores = Object.fromEntries(
    (Object.keys(targets) as Category[]).map((c) => [
      c,
      Math.round((result.lhr.categories[c]?.score ?? 0) * 100),
    ]),
  ) as Record<Category, number>;
  mkdirSync("bench/results", { recursive: true });
  writeFileSync(
    "bench/results/lighthouse.json",
    JSON.stringify({ scores, at: result.lhr.fetchTime }, null, 2),
  );
  let failed = false;
  for (const c of Object.keys(targets) as Category[]) {
    const ok = scores[c] >= targets[c];
    if (!ok) failed = true;
    console.log(
      `${c.padEnd(15)} ${String(scores[c]).padStart(3)}  (target >= ${targets[c]}) ${ok ? "ok" : "MISSED"}`,
    );
  }
  if (failed) {
    for (const audit of Object.values(result.lhr.audits)) {
      if (audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === "binary") {
        console.log(`  - ${audit.id}: ${audit.title}`);
      }
    }
    process.exitCode = 1;
  }
} finally {
  await chrome.kill();
  await server.close();
}
