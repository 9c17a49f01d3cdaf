import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkWeight } from "./weight-check.ts";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "jari-weight-"));
  await mkdir(join(dir, "assets"));
  await writeFile(
    join(dir, "index.html"),
    '<html><head><script type="module" crossorigin src="/assets/index-a.js"></script></head></html>',
  );
  await writeFile(
    join(dir, "assets/index-a.js"),
    `import{x}from"./shared-b.js";console.log(x,"${"a".repeat(300)}");import("./lazy-c.js")`,
  );
  await writeFile(join(dir, "assets/shared-b.js"), `export const x=${JSON.stringify("b".repeat(300))}`);
  await writeFile(join(dir, "assets/lazy-c.js"), `export const big=${JSON.stringify(randomText(50_000))}`);
  await writeFile(join(dir, "assets/i18n-ko-app-d.js"), 'export const app={"app.name":"자리"}');
  await writeFile(join(dir, "assets/open-store-f.js"), 'import{m}from"./memory-g.js";export const s=m');
  await writeFile(join(dir, "assets/memory-g.js"), "export const m=1");
  await writeFile(join(dir, "assets/index-e.css"), "body{margin:0}");
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("weight budget", () => {
  it("counts the entry, the home screen's own lazy chunks and their static imports, not other chunks", async () => {
    const report = await checkWeight(dir);
    expect(report.firstScreen.map((f) => f.file).sort()).toEqual([
      "assets/i18n-ko-app-d.js",
      "assets/index-a.js",
      "assets/memory-g.js",
      "assets/open-store-f.js",
      "assets/shared-b.js",
    ]);
    expect(report.failures).toEqual([]);
  });

  it("fails when the first-screen JS or the CSS is over budget", async () => {
    const report = await checkWeight(dir, { firstScreenJs: 100, css: 10 });
    expect(report.failures).toHaveLength(2);
    expect(report.failures[0]).toMatch(/first-screen JS \d+ B gzip > 100 B/);
    expect(report.failures[1]).toMatch(/CSS \d+ B gzip > 10 B/);
  });

  it("fails on web fonts and on any MSW code", async () => {
    await writeFile(join(dir, "assets/noto.woff2"), "font");
    await writeFile(join(dir, "mockServiceWorker.js"), "/* Mock Service Worker */");
    await writeFile(join(dir, "assets/lazy-c.js"), "const w=setupWorker()");
    const report = await checkWeight(dir);
    expect(report.fonts).toEqual(["assets/noto.woff2"]);
    expect(report.mswFiles.sort()).toEqual(["assets/lazy-c.js", "mockServiceWorker.js"]);
    expect(report.failures).toHaveLength(2);
  });
});

/** Incompressible filler, so a lazy chunk would blow the budget if it were counted. */
function randomText(length: number): string {
  let seed = 42;
  let out = "";
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    out += String.fromCharCode(33 + (seed % 90));
  }
  return out.replace(/["\\]/g, "x");
}
