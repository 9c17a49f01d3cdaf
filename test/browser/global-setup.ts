import { build } from "vite";
import { chromiumPath } from "./chromium.ts";

/**
 * Builds what ships, once for all browser tests: the production build (dist)
 * and the demo build (dist-demo). Fails up front when there is no Chromium.
 */
export default async function setup(): Promise<void> {
  chromiumPath();
  await build({ mode: "production", logLevel: "warn" });
  await build({ mode: "demo", logLevel: "warn", build: { outDir: "dist-demo" } });
}
