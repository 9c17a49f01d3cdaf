import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startMockServer } from "../../mocks/server.ts";
import { expectAccessible } from "./axe.ts";
import { type Browser, launchBrowser } from "./harness.ts";
import { serveStatic } from "./static-server.ts";
import { checkForUpdate, untilControlled } from "./sw-helpers.ts";

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

async function browser(): Promise<Browser> {
  const b = await launchBrowser();
  cleanup.push(() => b.close());
  return b;
}

/** Every route of the app, including one that does not exist. */
const ROUTES = ["/", "/queue/c55-59", "/booking", "/reservations", "/reservation/r-unknown", "/no-such-page"];

describe("installable, offline-first PWA (production build)", () => {
  it("Chromium reports no installability errors and reads the Korean manifest", async () => {
    const server = await startMockServer({ port: 0, staticDir: "dist", scenario: "calm", seed: 1 });
    cleanup.push(() => server.close());
    const { page, context, cspViolations } = await browser();
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="events"]').waitFor();
    await untilControlled(page);

    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors).toEqual([]);
    const manifest = (await cdp.send("Page.getAppManifest")) as {
      errors: unknown[];
      data?: string;
    };
    expect(manifest.errors).toEqual([]);
    const data = JSON.parse(manifest.data ?? "{}") as Record<string, unknown>;
    expect(data).toMatchObject({
      lang: "ko",
      short_name: "자리",
      display: "standalone",
      start_url: "/?source=pwa",
      id: "/",
    });
    const icons = data.icons as { sizes: string; purpose?: string }[];
    expect(icons.map((i) => `${i.sizes} ${i.purpose ?? "any"}`).sort()).toEqual([
      "192x192 any",
      "512x512 any",
      "512x512 maskable",
    ]);
    expect((data.screenshots as unknown[]).length).toBeGreaterThanOrEqual(2);
    expect(await cspViolations()).toEqual([]);
  });

  it("opens every route offline, from the precache", async () => {
    const server = await startMockServer({ port: 0, staticDir: "dist", scenario: "calm", seed: 1 });
    cleanup.push(() => server.close());
    const { page, context, cspViolations } = await browser();
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="events"]').waitFor();
    await untilControlled(page);

    await context.setOffline(true);
    for (const route of ROUTES) {
      await page.goto(`${server.url}${route}`);
      // The shell rendered (not the browser's offline page), and the screen has its heading.
      await page.locator(".header .brand").waitFor();
      await page.locator("main h1, main [data-testid='notice'], main .loading").first().waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("ko");
      await expectAccessible(page, `${route} offline`);
    }
    await page.goto(`${server.url}/`);
    const notice = page.locator('[data-testid="notice"]');
    await notice.waitFor();
    // Chromium's offline emulation does not always clear navigator.onLine in a fresh document.
    expect(["offline", "network"]).toContain(await notice.getAttribute("data-code"));
    // What the device saw last is still shown, as of its time.
    expect(await page.locator('[data-testid="join"]').count()).toBeGreaterThan(0);
    expect(await cspViolations()).toEqual([]);
  });

  it("caches no API answer except the public catalog (regions, centers), served stale offline", async () => {
    const server = await startMockServer({ port: 0, staticDir: "dist", scenario: "calm", seed: 1 });
    cleanup.push(() => server.close());
    const { page, context } = await browser();
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="events"]').waitFor();
    await untilControlled(page);
    const status = (path: string) =>
      page.evaluate(
        (p) =>
          fetch(p).then(
            (r) => r.status,
            () => "failed",
          ),
        path,
      );

    expect(await status("/api/v1/regions")).toBe(200);
    expect(await status("/api/v1/centers?region=11")).toBe(200);
    expect(await status("/api/v1/events")).toBe(200);
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys())
          urls.push(new URL(request.url).pathname);
      }
      return urls.filter((u) => u.startsWith("/api/"));
    });
    expect(cached.sort()).toEqual(["/api/v1/centers", "/api/v1/regions"]);

    await context.setOffline(true);
    expect(await status("/api/v1/regions")).toBe(200);
    expect(await status("/api/v1/events")).toBe("failed");
  });

  it("a repeat visit loads the shell with no network request", async () => {
    const server = await serveStatic("dist");
    cleanup.push(() => server.close());
    const { page } = await browser();
    await page.goto(`${server.url}/`);
    await page.locator(".header .brand").waitFor();
    await untilControlled(page);
    await page.waitForLoadState("networkidle");

    server.requests.length = 0;
    await page.reload();
    await page.locator(".header .brand").waitFor();
    await page.waitForLoadState("networkidle");
    // The API is not the shell, and the browser's own update check of sw.js is expected.
    const shell = server.requests.filter((p) => !p.startsWith("/api/") && p !== "/sw.js");
    expect(shell).toEqual([]);
  });

  it("an update arriving during a wait is only announced; applying it keeps the ticket", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jari-dist-"));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    await cp("dist", dir, { recursive: true });
    const server = await startMockServer({ port: 0, staticDir: dir, scenario: "calm", seed: 1 });
    cleanup.push(() => server.close());
    const { page } = await browser();
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="events"]').waitFor();
    await untilControlled(page);

    await page.locator('[data-testid="join"]').first().click();
    const queue = page.locator('[data-testid="queue"]');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="queue"]')?.getAttribute("data-ticket-id") || null,
    );
    const ticketId = await queue.getAttribute("data-ticket-id");

    // A new version is deployed: any byte change to sw.js is one.
    const sw = join(dir, "sw.js");
    await writeFile(sw, `${await readFile(sw, "utf8")}\n// next version\n`);
    await checkForUpdate(page);
    const prompt = page.locator('[data-testid="update-ready"]');
    await prompt.waitFor();
    expect(await prompt.getAttribute("data-state")).toBe("ready");

    // Agreeing during a wait defers it: no reload, same ticket on screen.
    await page.locator('[data-testid="update-apply"]').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="update-ready"]')?.getAttribute("data-state") === "deferred",
    );
    expect(await queue.getAttribute("data-ticket-id")).toBe(ticketId);
    await expectAccessible(page, "queue with the update prompt");

    // Insisting applies it: the page reloads under the new worker and the ticket is still there.
    await Promise.all([page.waitForEvent("load"), page.locator('[data-testid="update-apply-now"]').click()]);
    await page.waitForFunction(
      () => document.querySelector('[data-testid="queue"]')?.getAttribute("data-ticket-id") || null,
    );
    expect(await queue.getAttribute("data-ticket-id")).toBe(ticketId);
    // The new worker is the active one now: nothing is left waiting.
    const waiting = await page.evaluate(
      async () => (await navigator.serviceWorker.getRegistration())?.waiting,
    );
    expect(waiting).toBeNull();
    expect(await page.locator('[data-testid="update-ready"]').count()).toBe(0);
  });
});

describe("demo build offline", () => {
  it("keeps working with its mocked backend after the server is gone, also in a reopened tab", async () => {
    const server = await serveStatic("dist-demo");
    const { page, context, cspViolations } = await browser();
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="events"]').waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.waitForLoadState("networkidle");
    await server.close();

    await page.reload();
    await page.locator('[data-testid="events"]').waitFor();
    expect(await page.locator('[data-testid="join"]').count()).toBeGreaterThan(0);

    // Closing the last tab must not unregister the worker (MSW would, unguarded).
    const again = await context.newPage();
    await page.close();
    await again.goto(`${server.url}/queue/c55-59`);
    await again.locator(".header .brand").waitFor();
    await again.goto(`${server.url}/`);
    await again.locator('[data-testid="events"]').waitFor();
    expect(await cspViolations()).toEqual([]);
  });
});
