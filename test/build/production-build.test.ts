import { existsSync } from "node:fs";
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MSW_MARKERS } from "../../bench/weight-check.ts";

// Its own output folder, so it never races the browser tests' dist.
const out = ".tmp/production-build-test";

beforeAll(async () => {
  // Vitest sets NODE_ENV=test, which would give Workbox its development build: build what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ mode: "production", logLevel: "error", build: { outDir: out, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}, 120_000);
afterAll(() => rm(out, { recursive: true, force: true }));

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe("production build", () => {
  it("ships no MSW code and no mockServiceWorker.js", async () => {
    expect(existsSync(join(out, "mockServiceWorker.js"))).toBe(false);
    const offenders: string[] = [];
    for (const file of await allFiles(out)) {
      if (!/\.(js|html|webmanifest)$/.test(file)) continue;
      const text = await readFile(file, "utf8");
      for (const marker of [...MSW_MARKERS, "msw=1"])
        if (text.includes(marker)) offenders.push(`${file}: ${marker}`);
    }
    expect(offenders).toEqual([]);
  });

  it("precaches the shell: sw.js lists index.html, the entry script and the stylesheet", async () => {
    const sw = await readFile(join(out, "sw.js"), "utf8");
    const html = await readFile(join(out, "index.html"), "utf8");
    const entry = /src="\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    const css = /href="\/(assets\/[^"]+\.css)"/.exec(html)?.[1];
    expect(entry).toBeDefined();
    expect(sw).toContain('"index.html"');
    expect(sw).toContain(`"${entry}"`);
    expect(sw).toContain(`"${css}"`);
    expect(sw).toContain('"manifest.webmanifest"');
    expect(sw).not.toContain("mockServiceWorker");
  });

  it("has a Content-Security-Policy without inline script or eval, and no inline script", async () => {
    const html = await readFile(join(out, "index.html"), "utf8");
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/
      .exec(html)?.[1]
      ?.replaceAll("&#39;", "'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it("talks to /api/v1 on its own origin by default", async () => {
    // Not just "/api/v1 somewhere": the API client carries "/api/v1" as its own fallback, so that
    // string is in every build. What decides the requested URLs is the base the composition root
    // hands to the services, and the base the service worker routes the API by: both must be exactly
    // "/api/v1" (relative, so same origin). Property names survive minification; quotes may not.
    const js = await Promise.all(
      (await allFiles(join(out, "assets"))).filter((f) => f.endsWith(".js")).map((f) => readFile(f, "utf8")),
    );
    const bases = js.flatMap((code) =>
      [...code.matchAll(/\bapiBase:\s*(["'`])([^"'`]*)\1/g)].map((m) => m[2]),
    );
    expect(bases).toEqual(["/api/v1"]);
    const sw = await readFile(join(out, "sw.js"), "utf8");
    const swBases = [...sw.matchAll(/new URL\((["'`])([^"'`]*)\1,\s*self\.location\.origin\)/g)].map(
      (m) => m[2],
    );
    expect(swBases).toEqual(["/api/v1/"]);
  });
});
