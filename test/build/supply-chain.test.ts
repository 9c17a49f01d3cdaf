import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { build, type Plugin } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Issue 8, point 8: `npm audit` cannot be reached from these machines (its advisory service answers 405),
// so the supply chain is held by what we can check offline: which packages' code ships (from the
// bundler's own module graph, not a grep of the output), an allow-list with a reason for each, and a
// lockfile in which every package is pinned by an integrity hash.

const out = ".tmp/supply-chain-test";
const allowList = JSON.parse(await readFile("test/build/supply-chain-allowlist.json", "utf8")) as {
  packages: Record<string, string>;
};

/** The package a module id belongs to: the part after the LAST node_modules/ (nested installs). */
function packageOf(id: string): string | null {
  if (id.startsWith("\0vite/")) return "vite"; // the bundler's own runtime helpers
  const at = id.lastIndexOf("node_modules/");
  if (at < 0) return null;
  const match = /^((?:@[^/]+\/)?[^/]+)/.exec(id.slice(at + "node_modules/".length));
  return match?.[1] ?? null;
}

const appModules = new Set<string>();
let swModules: string[] = [];

/** Collects every module id that made it into an emitted chunk (tree-shaken-away modules are not in it). */
const collect: Plugin = {
  name: "collect-shipped-modules",
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type === "chunk") for (const id of Object.keys(chunk.modules)) appModules.add(id);
    }
  },
};

beforeAll(async () => {
  // Vitest sets NODE_ENV=test, which would give Workbox its development build: build what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    // The service worker is a second build inside vite-plugin-pwa that takes no plugins from here; its
    // source map lists the modules of its one chunk, which is the same module graph.
    await build({
      mode: "production",
      logLevel: "error",
      plugins: [collect],
      build: { outDir: out, emptyOutDir: true, sourcemap: "hidden" },
    });
    const map = JSON.parse(await readFile(join(out, "sw.js.map"), "utf8")) as { sources: string[] };
    swModules = map.sources;
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}, 120_000);
afterAll(() => rm(out, { recursive: true, force: true }));

const packagesIn = (ids: Iterable<string>) =>
  [...new Set([...ids].map(packageOf).filter((p): p is string => p !== null))].sort();

describe("supply chain", () => {
  it("reads package names from module ids", () => {
    expect(packageOf("/w/node_modules/preact/dist/preact.module.js")).toBe("preact");
    expect(packageOf("/w/node_modules/@scope/pkg/index.js")).toBe("@scope/pkg");
    expect(packageOf("/w/node_modules/a/node_modules/@s/b/x.js")).toBe("@s/b");
    expect(packageOf("\0vite/preload-helper.js")).toBe("vite");
    expect(packageOf("/w/src/main.tsx")).toBeNull();
  });

  it("ships code only from allow-listed packages, each with a reason, in the app and the service worker", () => {
    const app = packagesIn(appModules);
    const sw = packagesIn(swModules);
    // The graph was really read: the framework is in the app, Workbox in the worker.
    expect(app).toContain("preact");
    expect(sw).toContain("workbox-precaching");
    const shipped = [...new Set([...app, ...sw])].sort();
    const unlisted = shipped.filter((name) => !(name in allowList.packages));
    expect(unlisted).toEqual([]);
    // Keep the list short and true: an entry nothing ships any more must go.
    const stale = Object.keys(allowList.packages).filter((name) => !shipped.includes(name));
    expect(stale).toEqual([]);
    for (const [name, reason] of Object.entries(allowList.packages)) {
      expect(reason.trim().length, `reason for ${name}`).toBeGreaterThan(10);
    }
  });

  it("has an integrity hash for every package in the lockfile", async () => {
    const lock = JSON.parse(await readFile("package-lock.json", "utf8")) as {
      packages: Record<string, { link?: boolean; integrity?: string }>;
    };
    const entries = Object.entries(lock.packages).filter(([path, entry]) => path !== "" && !entry.link);
    expect(entries.length).toBeGreaterThan(50);
    const missing = entries.filter(([, entry]) => !/^sha(256|384|512)-/.test(entry.integrity ?? ""));
    expect(missing.map(([path]) => path)).toEqual([]);
  });

  it("ships runtime packages as dependencies, and CI never depends on npm audit", async () => {
    const pkg = JSON.parse(await readFile("package.json", "utf8")) as {
      dependencies?: Record<string, string>;
      scripts?: Record<string, string>;
    };
    // Code that reaches the page belongs in dependencies (Workbox's worker modules are build input).
    const app = packagesIn(appModules).filter((name) => name !== "vite");
    expect(app.filter((name) => !(name in (pkg.dependencies ?? {})))).toEqual([]);
    const ci = await readFile(".ci/run", "utf8");
    const texts = [ci, ...Object.values(pkg.scripts ?? {})];
    // "--no-audit" is fine; running the audit itself is not.
    expect(texts.filter((text) => /\bnpm\s+audit\b/.test(text))).toEqual([]);
  });
});
