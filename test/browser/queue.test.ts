import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { startMockServer } from "../../mocks/server.ts";
import type { QueueStatus } from "../../src/core/contract/types.ts";
import { nextPollDelay } from "../../src/core/queue/schedule.ts";
import { expectAccessible } from "./axe.ts";
import { type Browser, launchBrowser } from "./harness.ts";

// The waiting room in Chromium: the production build on the real socket mock (calm scenario, real time).

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

/** `speed` below 1 slows the simulated line, so there is time to watch the tabs before the turn comes. */
async function setup(speed = 1) {
  const server = await startMockServer({ port: 0, staticDir: "dist", scenario: "calm", seed: 1, speed });
  cleanup.push(() => server.close());
  const b: Browser = await launchBrowser();
  cleanup.push(() => b.close());
  /** API requests by route and page, as the browser sent them. */
  const api: { page: Page; route: string }[] = [];
  const watch = (page: Page) =>
    page.on("request", (r) => {
      const path = new URL(r.url()).pathname;
      if (!path.startsWith("/api/")) return;
      const route = /\/tickets\/[^/]+$/.test(path) ? `${r.method()} ticket` : `${r.method()} ${path}`;
      api.push({ page, route });
    });
  watch(b.page);
  b.context.on("page", watch);
  const count = (route: string, page?: Page) =>
    api.filter((r) => r.route === route && (!page || r.page === page)).length;
  return { server, b, page: b.page, count };
}

const hooks = (page: Page) =>
  page.locator('[data-testid="queue"]').evaluate((el) => ({ ...(el as HTMLElement).dataset }));

async function joinFirstEvent(page: Page, url: string): Promise<string> {
  await page.goto(`${url}/`);
  await page.locator('[data-testid="join"][data-event-id="c55-59"]').click();
  await page.locator('[data-testid="queue"][data-state="waiting"]').waitFor({ timeout: 30_000 });
  const { ticketId } = await hooks(page);
  expect(ticketId).toMatch(/\S/);
  return ticketId as string;
}

/** Makes the mock a server without held reads (`Prefer: wait` ignored), so every read is answered at once. */
const withoutHeldReads = (url: string) =>
  fetch(`${url}/__mock/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ configure: { ignoresPrefer: true } }),
  });

const JOIN = "POST /api/v1/events/c55-59/tickets";

describe("waiting room in Chromium", () => {
  it("joins once, shows the place accessibly at 360x640, and keeps the same ticket over a reload", async () => {
    const { server, page, count } = await setup();
    const ticketId = await joinFirstEvent(page, server.url);
    const shown = await hooks(page);
    expect(shown).toMatchObject({ state: "waiting", online: "true" });
    expect(Number(shown.number)).toBeGreaterThan(0);
    expect(await page.locator('[role="progressbar"]').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page, "waiting room (ko)");

    await page.reload();
    await page.locator('[data-testid="queue"][data-state="waiting"]').waitFor({ timeout: 30_000 });
    expect((await hooks(page)).ticketId).toBe(ticketId);
    expect(count(JOIN)).toBe(1);
  });

  it("goes offline and back without losing the place, sending nothing while offline", {
    timeout: 120_000,
  }, async () => {
    // A slower line keeps the ticket waiting (not admitted) through the offline window, and a server
    // without held reads (a v1.0 server) answers every read at once, so each answer plans the next.
    const { server, b, page, count } = await setup(0.3);
    await withoutHeldReads(server.url);
    // The last status answer, and the latest moment the client's own schedule allows for its next
    // read (the top of its jitter): the offline window below must outlast it, or "nothing sent"
    // would hold even for a client that ignores offline.
    let lastAnswer = { at: 0, latestNextMs: 0 };
    page.on("response", async (r) => {
      if (r.request().method() !== "GET" || !/\/tickets\/[^/]+$/.test(new URL(r.url()).pathname)) return;
      const at = Date.now();
      const body = (await r.json().catch(() => null)) as QueueStatus | null;
      if (body?.state !== "waiting") return;
      const latestNextMs = nextPollDelay(
        {
          state: "waiting",
          ahead: body.ahead,
          servingRatePerSecond: body.servingRatePerSecond,
          opensAt: Date.parse(body.opensAt),
          serverNow: Date.parse(body.serverTime),
          floorMs: body.pollAfterSeconds * 1000,
          visible: true,
        },
        () => 1,
      );
      lastAnswer = { at, latestNextMs };
    });
    const ticketId = await joinFirstEvent(page, server.url);
    await expect.poll(() => lastAnswer.at, { timeout: 30_000 }).toBeGreaterThan(0);
    await b.context.setOffline(true);
    await page.locator('[data-testid="queue"][data-online="false"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="notice"][data-code="offline"]').count()).toBe(1);
    const before = count("GET ticket");
    const due = lastAnswer.at + lastAnswer.latestNextMs + 2_000;
    expect(due - Date.now()).toBeLessThan(45_000);
    await page.waitForTimeout(Math.max(0, due - Date.now()));
    expect(count("GET ticket")).toBe(before);
    expect((await hooks(page)).state).toBe("waiting");

    await b.context.setOffline(false);
    await page.locator('[data-testid="queue"][data-online="true"]').waitFor({ timeout: 10_000 });
    await page.waitForFunction(() => !document.querySelector('[data-testid="notice"][data-code="offline"]'));
    // The poll held back while offline goes out once back online.
    await expect.poll(() => count("GET ticket"), { timeout: 15_000 }).toBeGreaterThan(before);
    expect((await hooks(page)).ticketId).toBe(ticketId);
    expect(count(JOIN)).toBe(1);
  });

  it("two tabs poll as one; closing the leader hands over without a second join", async () => {
    const { server, b, page, count } = await setup(0.3);
    // Held reads would keep one read open for 25 s at a time: this is about which tab reads.
    await withoutHeldReads(server.url);
    const ticketId = await joinFirstEvent(page, server.url);
    const second = await b.context.newPage();
    await second.goto(`${server.url}/queue/c55-59`);
    await second.locator('[data-testid="queue"][data-state="waiting"]').waitFor({ timeout: 30_000 });
    expect((await hooks(second)).ticketId).toBe(ticketId);
    await expect
      .poll(() => count("GET ticket", page), { timeout: 60_000, interval: 500 })
      .toBeGreaterThanOrEqual(2);
    expect(count("GET ticket", second)).toBe(0);

    await page.close();
    await expect
      .poll(() => count("GET ticket", second), { timeout: 60_000, interval: 500 })
      .toBeGreaterThan(0);
    expect((await hooks(second)).ticketId).toBe(ticketId);
    expect(count(JOIN)).toBe(1);
  });

  it("reaches the user's turn with start-booking, accessibly", async () => {
    const { server, page } = await setup();
    await joinFirstEvent(page, server.url);
    await page.locator('[data-testid="queue"][data-state="admitted"]').waitFor({ timeout: 120_000 });
    expect(await page.locator('[data-testid="start-booking"]').count()).toBe(1);
    await expectAccessible(page, "admitted (ko)");
  });
});

describe("joins that go wrong, in Chromium", () => {
  /** Makes the next POST join suffer `fault` on the mock server. */
  const breakNextJoin = (url: string, fault: { kind: "lost" | "hang" }) =>
    fetch(`${url}/__mock/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ once: [{ match: { method: "POST", pathRegex: "/tickets$" }, fault }] }),
    });
  const tickets = async (url: string) =>
    ((await (await fetch(`${url}/__mock/stats`)).json()) as { inspect: { tickets: number } }).inspect.tickets;
  const joinKeys = (page: Page) => {
    const keys: string[] = [];
    page.context().on("request", (r) => {
      if (r.method() === "POST" && /\/tickets$/.test(new URL(r.url()).pathname))
        keys.push(r.headers()["idempotency-key"] ?? "");
    });
    return keys;
  };

  it("a lost join answer is retried with the same key and makes one ticket", async () => {
    const { server, page } = await setup();
    const keys = joinKeys(page);
    await breakNextJoin(server.url, { kind: "lost" });
    await joinFirstEvent(page, server.url);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys).size).toBe(1);
    expect(await tickets(server.url)).toBe(1);
  });

  it("a reload in the middle of joining resumes the same join, never a second ticket", async () => {
    const { server, page } = await setup();
    const keys = joinKeys(page);
    await breakNextJoin(server.url, { kind: "hang" });
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="join"][data-event-id="c55-59"]').click();
    await page.locator('[data-testid="queue"][data-state="joining"]').waitFor();
    await expect.poll(() => keys.length).toBe(1);
    await page.reload();
    await page.locator('[data-testid="queue"][data-state="waiting"]').waitFor({ timeout: 30_000 });
    expect(new Set(keys).size).toBe(1);
    expect(await tickets(server.url)).toBe(1);
  });
});

describe("your-turn alert in Chromium", () => {
  it("asks for notification permission only when the user taps 'notify me'", async () => {
    const { server, b, page } = await setup();
    await b.context.addInitScript(() => {
      const w = window as unknown as { __asks: number };
      w.__asks = 0;
      const ask = Notification.requestPermission.bind(Notification);
      Notification.requestPermission = (...args) => {
        w.__asks++;
        return ask(...args);
      };
    });
    await joinFirstEvent(page, server.url);
    const asks = () => page.evaluate(() => (window as unknown as { __asks: number }).__asks);
    expect(await asks()).toBe(0);
    await page.locator('[data-testid="alert-notify"]').click();
    await expect.poll(asks).toBe(1);
  });

  it("shows one system notification and changes the tab title when the turn comes while away", async () => {
    const { server, b, page } = await setup();
    await b.context.grantPermissions(["notifications"], { origin: server.url });
    await joinFirstEvent(page, server.url);
    await page.locator('[data-testid="alert-notify"]').click();
    await expect.poll(() => page.locator('[data-testid="alert-notify"]').isChecked()).toBe(true);
    // The user switches to another app: the page is hidden and unfocused.
    await page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      document.hasFocus = () => false;
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await page.locator('[data-testid="queue"][data-state="admitted"]').waitFor({ timeout: 120_000 });
    await expect.poll(() => page.title()).toContain("🔔");
    // Shown through the service worker registration, a moment after the title changes.
    // One tag per ticket, the one the service worker's push uses too, so the system keeps one notification.
    const tag = `jari-turn-${await page.locator('[data-testid="queue"]').getAttribute("data-ticket-id")}`;
    const notifications = () =>
      page.evaluate(async (tag) => {
        const registration = await navigator.serviceWorker.ready;
        return (await registration.getNotifications({ tag })).map((n) => n.title);
      }, tag);
    await expect.poll(notifications, { timeout: 10_000 }).toEqual(["자리: 차례가 되었습니다!"]);

    // Back to the app: the title is restored.
    await page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "visible" });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await expect.poll(() => page.title()).not.toContain("🔔");
    // Hidden tabs poll more slowly (but still notice the turn), so this one may take a while.
  }, 120_000);
});
