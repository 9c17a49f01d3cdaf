import { rename, rm } from "node:fs/promises";
import { build } from "vite";
import { chromiumPath } from "./chromium.ts";

/**
 * Builds what ships, once for all browser tests: the production build (dist)
 * and the demo build (dist-demo). Fails up front when there is no Chromium.
 */
export default async function setup(): Promise<void> {
  chromiumPath();
  // Vitest sets NODE_ENV=test, which would give Workbox its development build: build what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await buildInto("dist", "production");
    await buildInto("dist-demo", "demo");
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

/**
 * Builds beside the target and swaps it in, so another test run sharing this
 * checkout never serves a half-emptied folder.
 */
async function buildInto(outDir: string, mode: string): Promise<void> {
  const fresh = `.tmp/build-${process.pid}-${outDir}`;
  const old = `.tmp/old-${process.pid}-${outDir}`;
  await build({ mode, logLevel: "warn", build: { outDir: fresh, emptyOutDir: true } });
  await rename(outDir, old).catch(() => undefined);
  await rename(fresh, outDir);
  await rm(old, { recursive: true, force: true });
}
