import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { CHROMIUM_ARGS, chromiumPath } from "./chromium.ts";

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** CSP violations reported by any page so far ("directive blockedURI"). */
  cspViolations(): Promise<string[]>;
  /** Closes the browser; throws if any page met a CSP violation (so every browser test checks CSP). */
  close(): Promise<void>;
}

export interface LaunchOptions {
  locale?: string;
  /** A phone-sized viewport by default (the app is phone-first). */
  viewport?: { width: number; height: number };
}

/**
 * A fresh persistent profile per test (service workers and IndexedDB need a
 * real profile; launch() refuses --user-data-dir), deleted on close.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const userDataDir = await mkdtemp(join(tmpdir(), "jari-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    locale: options.locale ?? "ko-KR",
    viewport: options.viewport ?? { width: 360, height: 640 },
    serviceWorkers: "allow",
  });
  const violations: string[] = [];
  // An init script runs before the page's own and is not subject to its CSP.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const w = window as unknown as { __csp?: string[] };
      w.__csp ??= [];
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  context.on("console", (msg) => {
    if (msg.text().includes("Content Security Policy")) violations.push(msg.text());
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const cspViolations = async () => {
    const fromPages = await Promise.all(
      context
        .pages()
        .map((p) =>
          p.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []).catch(() => []),
        ),
    );
    return [...new Set([...violations, ...fromPages.flat()])];
  };
  return {
    context,
    page,
    cspViolations,
    async close() {
      const seen = await cspViolations();
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
      if (seen.length > 0) throw new Error(`Content-Security-Policy violations:\n${seen.join("\n")}`);
    },
  };
}
