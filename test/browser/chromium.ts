import { existsSync } from "node:fs";

/** The system Chromium (Playwright cannot download browsers here); CHROME_PATH overrides. */
export function chromiumPath(): string {
  const path = process.env.CHROME_PATH ?? "/usr/bin/chromium";
  if (!existsSync(path)) {
    // Never skip: a CI without a browser must fail loudly and say how to fix it.
    throw new Error(
      `No Chromium at ${path}. Install it with \`apt-get update && apt-get install -y chromium fonts-noto-cjk\` ` +
        "(Debian/Ubuntu) or set CHROME_PATH to a Chromium/Chrome binary.",
    );
  }
  return path;
}

/** Flags that keep Chromium quiet and deterministic in containers (see the toolchain notes). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
