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
    await build({ mode: "production", logLevel: "warn" });
    await build({ mode: "demo", logLevel: "warn", build: { outDir: "dist-demo" } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
