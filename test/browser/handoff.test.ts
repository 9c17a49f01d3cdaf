import type { BrowserContext, Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { startMockServer } from "../../mocks/server.ts";
import { decodeHandoff, type HandoffPayload } from "../../src/core/handoff/fragment.ts";
import { expectAccessible } from "./axe.ts";
import { type Browser, launchBrowser } from "./harness.ts";
import { startTamperProxy, type TamperProxy } from "./tamper-proxy.ts";

// Issue 11, items 5 and 6 in Chromium, on the production build: a place continues in another browser
// (its own profile: another phone) through a link whose fragment carries it, and a messenger's
// in-app browser offers the way out with the place in the link. Every request goes through a logging
// proxy in front of the mock server: the server side must never see the fragment or the token in a
// path, a query or a Referer.

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

const KAKAOTALK_ANDROID =
  "Mozilla/5.0 (Linux; Android 13; SM-S918N Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36;KAKAOTALK 2410420";

interface Seen {
  urls: string[];
  console: string[];
}

/** The production build on the socket mock behind the logging proxy; `speed` below 1 keeps the line slow. */
async function setup(speed = 0.3) {
  const server = await startMockServer({ port: 0, staticDir: "dist", scenario: "calm", seed: 5, speed });
  cleanup.push(() => server.close());
  const proxy = await startTamperProxy(server.url);
  cleanup.push(() => proxy.close());
  const seen: Seen = { urls: [], console: [] };
  const device = async (userAgent?: string): Promise<Browser> => {
    const b = await launchBrowser();
    cleanup.push(() => b.close());
    if (userAgent)
      await b.context.addInitScript((ua: string) => {
        Object.defineProperty(Navigator.prototype, "userAgent", { get: () => ua, configurable: true });
      }, userAgent);
    watch(b.context, seen);
    return b;
  };
  return { proxy, device, seen };
}

/** Every request URL (query included) and console line any page of the context produces. */
function watch(context: BrowserContext, seen: Seen): void {
  context.on("request", (r) => seen.urls.push(r.url()));
  context.on("console", (m) => seen.console.push(m.text()));
}

const PLACED = '[data-testid="queue"]:is([data-state="waiting"], [data-state="admitted"])';

const hooks = (page: Page) =>
  page.locator('[data-testid="queue"]').evaluate((el) => ({ ...(el as HTMLElement).dataset }));

async function join(page: Page, url: string): Promise<Record<string, string | undefined>> {
  await page.goto(`${url}/`);
  await page.locator('[data-testid="join"][data-event-id="c55-59"]').click();
  await page.locator('[data-testid="queue"][data-state="waiting"]').waitFor({ timeout: 30_000 });
  return hooks(page);
}

/** When a page asked the server about its place (the join, then each status read), in wall-clock ms. */
function statusReads(page: Page): number[] {
  const times: number[] = [];
  page.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    if (
      (r.method() === "GET" && /\/api\/v1\/events\/[^/]+\/tickets\/[^/]+$/.test(path)) ||
      (r.method() === "POST" && /\/api\/v1\/events\/[^/]+\/tickets$/.test(path))
    )
      times.push(Date.now());
  });
  return times;
}

function payloadIn(link: string): HandoffPayload {
  const payload = decodeHandoff(new URL(link).hash);
  if (!payload) throw new Error(`no place in ${link}`);
  return payload;
}

/** Nothing that reached the server, and nothing logged, carries the fragment or the token. */
function expectNeverSent(proxy: TamperProxy, seen: Seen, secrets: string[]): void {
  expect(proxy.seen.length).toBeGreaterThan(0);
  for (const request of proxy.seen) {
    for (const secret of secrets) {
      expect(request.path, `${request.method} ${request.path}`).not.toContain(secret);
      expect(request.headers.referer ?? "", `Referer of ${request.path}`).not.toContain(secret);
    }
    expect(request.headers.referer ?? "").not.toContain("#");
  }
  // As the pages asked (a navigation's own fragment stays in the browser): never in a path or query.
  for (const url of seen.urls) {
    const { pathname, search } = new URL(url);
    for (const secret of secrets) expect(`${pathname}${search}`).not.toContain(secret);
  }
  for (const line of seen.console) for (const secret of secrets) expect(line).not.toContain(secret);
}

describe("continue elsewhere in Chromium", () => {
  it("moves the place to another browser by the link; the first lets go and stops reading", {
    timeout: 240_000,
  }, async () => {
    const { proxy, device, seen } = await setup(1);
    const a = await device();
    const readsA = statusReads(a.page);
    const placeA = await join(a.page, proxy.url);

    await a.page.locator('[data-testid="continue-elsewhere"]').click();
    const linkEl = a.page.locator('[data-testid="continue-link"]');
    await linkEl.waitFor();
    const link = (await linkEl.getAttribute("href")) ?? "";
    const url = new URL(link);
    // The place travels in the fragment only: the path and the query say nothing.
    expect(`${url.origin}${url.pathname}${url.search}`).toBe(`${proxy.url}/`);
    expect(url.hash).toMatch(/^#handoff=v1\.[A-Za-z0-9_-]+$/);
    const payload = payloadIn(link);
    expect(payload).toMatchObject({ eventId: "c55-59", ticketId: placeA.ticketId });
    expect(await a.page.locator('[data-testid="continue-qr"] svg path').count()).toBe(1);
    await expectAccessible(a.page, "continue elsewhere (ko)");

    // Another phone opens the link: the same place, and the fragment gone from the address bar.
    const b = await device();
    const readsB = statusReads(b.page);
    await b.page.goto(link);
    // Its own status read shows the number (at full speed the turn may come meanwhile: the same place).
    await b.page.locator(`${PLACED}:not([data-number=""])`).waitFor({ timeout: 30_000 });
    expect(b.page.url()).toBe(`${proxy.url}/queue/c55-59`);
    expect(await b.page.evaluate(() => location.hash)).toBe("");
    const placeB = await hooks(b.page);
    expect(placeB.ticketId).toBe(placeA.ticketId);
    expect(placeB.number).toBe(placeA.number);
    await expect.poll(() => readsB.length, { timeout: 90_000, interval: 500 }).toBeGreaterThan(0);
    await expectAccessible(b.page, "waiting room after handoff (ko)");

    // A's own pace, measured: the gap between its last two answers asked for (the join counts).
    await expect.poll(() => readsA.length, { timeout: 90_000, interval: 500 }).toBeGreaterThanOrEqual(2);
    const gap = (readsA.at(-1) ?? 0) - (readsA.at(-2) ?? 0);

    // The first asks before it lets go, then says so and reads no more.
    await a.page.locator('[data-testid="handoff-release"]').click();
    await a.page.locator('[data-testid="handoff-confirm"]').click();
    await a.page.locator('[data-testid="queue"][data-state="moved"]').waitFor();
    await a.page.locator('[data-testid="handoff-moved"]').waitFor();
    await expectAccessible(a.page, "moved (ko)");
    const aAfterMove = readsA.length;
    // Well past when A would have asked again (its gap, plus the schedule's jitter and slack).
    const quiet = Math.min(75_000, Math.max(5_000, gap * 1.5 + 3_000));
    await a.page.waitForTimeout(quiet);
    expect(readsA.length).toBe(aAfterMove);
    expect((await hooks(a.page)).state).toBe("moved");
    expect((await hooks(b.page)).ticketId).toBe(placeA.ticketId);

    const fragment = url.hash.slice(1);
    expectNeverSent(proxy, seen, [fragment, payload.token, "handoff="]);
  });

  it("a browser that already holds another place keeps it and says why", { timeout: 90_000 }, async () => {
    const { proxy, device } = await setup();
    const a = await device();
    await join(a.page, proxy.url);
    await a.page.locator('[data-testid="continue-elsewhere"]').click();
    const link = (await a.page.locator('[data-testid="continue-link"]').getAttribute("href")) ?? "";

    const b = await device();
    const own = await join(b.page, proxy.url);
    expect(own.ticketId).not.toBe(payloadIn(link).ticketId);
    await b.page.goto(link);
    await b.page.locator('[data-testid="notice"][data-code="handoff_conflict"]').waitFor({ timeout: 30_000 });
    expect(await b.page.evaluate(() => location.hash)).toBe("");
    await expectAccessible(b.page, "handoff refused (ko)");
    await b.page.locator('[data-testid="handoff-show-kept"]').click();
    await b.page.locator('[data-testid="queue"][data-state="waiting"]').waitFor({ timeout: 30_000 });
    expect((await hooks(b.page)).ticketId).toBe(own.ticketId);
  });
});

describe("out of the in-app browser, in Chromium", () => {
  it("in KakaoTalk on Android: one sentence, and its open-external link carrying the place", {
    timeout: 120_000,
  }, async () => {
    const { proxy, device, seen } = await setup();
    const k = await device(KAKAOTALK_ANDROID);
    await k.page.goto(`${proxy.url}/`);
    const banner = k.page.locator(
      '[data-testid="in-app-banner"][data-app="kakaotalk"][data-platform="android"]',
    );
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.locator("p").first().textContent()).toContain("카카오톡");
    const open = k.page.locator('[data-testid="in-app-open"]');
    const target = async () => {
      const href = (await open.getAttribute("data-href")) ?? "";
      expect(href.startsWith("kakaotalk://web/openExternal?url=")).toBe(true);
      return new URL(href).searchParams.get("url") ?? "";
    };
    // No place yet: the link opens this page.
    expect(await target()).toBe(`${proxy.url}/`);
    expect(await k.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(k.page, "in-app banner on home (ko)");

    await k.page.locator('[data-testid="join"][data-event-id="c55-59"]').click();
    await k.page.locator('[data-testid="queue"][data-state="waiting"]').waitFor({ timeout: 30_000 });
    const place = await hooks(k.page);
    await expect
      .poll(async () => new URL(await target()).hash, { timeout: 15_000 })
      .toMatch(/^#handoff=v1\./);
    const escaped = await target();
    expect(payloadIn(escaped)).toMatchObject({ eventId: "c55-59", ticketId: place.ticketId });
    await expectAccessible(k.page, "in-app banner in the waiting room (ko)");

    // What KakaoTalk hands to the phone's own browser opens the same place there.
    const phone = await device();
    await phone.page.goto(escaped);
    await phone.page.locator('[data-testid="queue"][data-state="waiting"]').waitFor({ timeout: 30_000 });
    expect((await hooks(phone.page)).ticketId).toBe(place.ticketId);
    expect(await phone.page.locator('[data-testid="in-app-banner"]').count()).toBe(0);
    expectNeverSent(proxy, seen, [new URL(escaped).hash.slice(1), payloadIn(escaped).token]);
  });
});
