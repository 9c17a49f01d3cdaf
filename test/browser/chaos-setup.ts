/**
 * Shared set-up of the chaos and privacy browser tests: the production build on
 * the mock socket server, a tampering proxy in front of it, Chromium loading
 * the app from the proxy. Requests are counted at the proxy, where a storm lands.
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { startMockServer } from "../../mocks/server.ts";
import { type Browser, launchBrowser } from "./harness.ts";
import { type Seen, startTamperProxy } from "./tamper-proxy.ts";

export const EVENT = "c55-59";
export const TICKET_PATH = /^\/api\/v1\/events\/[^/]+\/tickets\/[^/]+$/;
export const JOIN_PATH = /^\/api\/v1\/events\/[^/]+\/tickets$/;

export interface Rig {
  /** The proxy's origin: the page's origin. */
  url: string;
  /** The mock server behind the proxy (for /__mock/stats). */
  upstream: string;
  b: Browser;
  page: Page;
  proxy: Awaited<ReturnType<typeof startTamperProxy>>;
  /** Requests that reached the proxy matching method and path, optionally only from `since` (ms). */
  count(method: string, path: RegExp, since?: number): number;
  requests(method: string, path: RegExp): Seen[];
  /** Tickets and reservations the mock server holds. */
  inspect(): Promise<{ tickets: number; reservations: number }>;
}

export async function startRig(
  cleanup: Array<() => Promise<void>>,
  opts: { speed?: number; locale?: string } = {},
): Promise<Rig> {
  const server = await startMockServer({
    port: 0,
    // JARI_STATIC_DIR serves another build (e.g. an older commit's) to check that these tests fail on it.
    staticDir: process.env.JARI_STATIC_DIR ?? "dist",
    scenario: "calm",
    seed: 1,
    speed: opts.speed ?? 1,
  });
  cleanup.push(() => server.close());
  const proxy = await startTamperProxy(server.url);
  cleanup.push(() => proxy.close());
  const b = await launchBrowser(opts.locale ? { locale: opts.locale } : {});
  cleanup.push(() => b.close());
  const requests = (method: string, path: RegExp) =>
    proxy.seen.filter((s) => s.method === method && path.test(s.path));
  return {
    url: proxy.url,
    upstream: server.url,
    b,
    page: b.page,
    proxy,
    requests,
    count: (method, path, since = 0) => requests(method, path).filter((s) => s.at >= since).length,
    async inspect() {
      const answer = (await (await fetch(`${server.url}/__mock/stats`)).json()) as {
        inspect: { tickets: number; reservations?: number };
      };
      return { tickets: answer.inspect.tickets, reservations: answer.inspect.reservations ?? 0 };
    },
  };
}

export const queueHooks = (page: Page) =>
  page.locator('[data-testid="queue"]').evaluate((el) => ({ ...(el as HTMLElement).dataset }));

/** Taps Join on the home screen and waits for the waiting room; returns the ticket id. */
export async function join(page: Page, url: string): Promise<string> {
  await page.goto(`${url}/`);
  await page.locator(`[data-testid="join"][data-event-id="${EVENT}"]`).click();
  await page.locator('[data-testid="queue"][data-state="waiting"]').waitFor({ timeout: 30_000 });
  const { ticketId } = await queueHooks(page);
  expect(ticketId).toMatch(/\S/);
  return ticketId as string;
}

/** From join to the identity form, as a person would (calm scenario; a higher speed admits sooner). */
export async function reachIdentityForm(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.locator(`[data-testid="join"][data-event-id="${EVENT}"]`).click();
  await page.locator('[data-testid="start-booking"]').click({ timeout: 60_000 });
  await page.locator('[data-testid="identity-name"]').waitFor();
}

/** Not the form's own examples (홍길동, 010-1234-5678 are in the shipped hints), so a scan finds only them. */
export const PERSON = { name: "이순자", birthDate: "1964-03-02", phone: "01098765432" } as const;

export async function fillIdentity(page: Page): Promise<void> {
  await page.locator('[data-testid="identity-name"]').fill(PERSON.name);
  await page.locator('[data-testid="identity-birthdate"]').fill(PERSON.birthDate);
  await page.locator('[data-testid="identity-phone"]').fill(PERSON.phone);
}

/** Whether the app's root shows anything at all (a crash without an error boundary leaves it empty). */
export const rendersSomething = (page: Page) =>
  page.evaluate(() => (document.getElementById("app")?.textContent ?? "").trim().length > 0);
