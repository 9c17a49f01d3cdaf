/**
 * Issue 11 item 4: the home screen shows the place held (number, people ahead, ETA), and the app
 * opened at its start URL goes straight to that place, or to the admission with its countdown.
 * The production build on the mock socket server, behind a proxy that adds an operator notice
 * (contract v1.1) to the event list, which the home and the waiting room show as text.
 */
import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { START_URL } from "../../src/app/start-route.ts";
import { expectAccessible } from "./axe.ts";
import { EVENT, join, queueHooks, startRig } from "./chaos-setup.ts";
import { editJson, HOSTILE_MARKUP } from "./tamper-proxy.ts";

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

const NOTICE = { ko: "서울 지역 접종기관은 마감되었습니다.", en: "Centres in Seoul are full." };

async function rigWithNotice(speed: number) {
  const rig = await startRig(cleanup, { speed });
  rig.proxy.add({
    method: "GET",
    path: /^\/api\/v1\/events$/,
    rewrite: editJson((body) => {
      for (const event of body.events as { id: string; notice?: unknown }[]) {
        if (event.id === EVENT) event.notice = { ko: `${NOTICE.ko} ${HOSTILE_MARKUP}`, en: NOTICE.en };
      }
    }),
  });
  return rig;
}

const homePlace = (page: Page) =>
  page.locator('[data-testid="home-place"]').evaluate((el) => ({ ...(el as HTMLElement).dataset }));

const path = (page: Page) => new URL(page.url()).pathname;

async function goHome(page: Page): Promise<void> {
  await page.locator(".header .brand").click();
  await page.locator('[data-testid="events"]').waitFor();
}

describe("home shows your place", () => {
  it("the card shows the live number and people ahead; the start URL opens the waiting room, plain / stays home", {
    timeout: 90_000,
  }, async () => {
    // Slow: the place stays a place in line for the whole test.
    const rig = await rigWithNotice(0.2);
    const { page } = rig;
    await join(page, rig.url);
    const inLine = await queueHooks(page);
    const operator = page.locator('[data-testid="notice"][data-code="operator"]');
    expect(await operator.textContent()).toContain(NOTICE.ko);
    // Text, never markup.
    expect(await page.locator("[data-injected]").count()).toBe(0);

    await goHome(page);
    await page.locator('[data-testid="home-place"][data-state="waiting"]').waitFor();
    const card = await homePlace(page);
    expect(card).toMatchObject({ eventId: EVENT, state: "waiting", number: inLine.number });
    expect(Number(card.ahead)).toBeGreaterThan(0);
    expect(Number(card.ahead)).toBeLessThanOrEqual(Number(inLine.ahead));
    const text = await page.locator('[data-testid="home-place"]').textContent();
    expect(text).toContain(`${Number(inLine.number).toLocaleString("ko-KR")}번`);
    expect(await page.locator('[data-testid="home-place-eta"]').textContent()).toMatch(/분|시간|이내|계산/);
    // One card for the one place; the event's own card keeps its notice.
    expect(await page.locator('[data-testid="home-place"]').count()).toBe(1);
    expect(await page.locator(`#event-${EVENT} [data-code="operator"]`).textContent()).toContain(NOTICE.ko);
    await expectAccessible(page, "home with a place in line");

    // Opened as the installed app opens: straight to the waiting room, the same ticket.
    await page.goto(`${rig.url}${START_URL}`);
    await page.locator('[data-testid="queue"][data-state="waiting"]').waitFor();
    expect(path(page)).toBe(`/queue/${EVENT}`);
    expect((await queueHooks(page)).ticketId).toBe(inLine.ticketId);
    // Back leads home (not to the start URL again, which would bounce back).
    await page.goBack();
    await page.locator('[data-testid="home-place"]').waitFor();
    expect(path(page)).toBe("/");

    // A plain visit to / (a tab, a bookmark) and a deep link stay where they are.
    await page.goto(`${rig.url}/`);
    await page.locator('[data-testid="home-place"][data-state="waiting"]').waitFor();
    expect(path(page)).toBe("/");
    await page.goto(`${rig.url}/reservations`);
    await page.locator("#screen-title").waitFor();
    await page.waitForLoadState("networkidle");
    expect(path(page)).toBe("/reservations");
  });

  it("with an admission the card counts down and the start URL opens it; a booking in progress reopens there", {
    timeout: 120_000,
  }, async () => {
    const rig = await rigWithNotice(5);
    const { page } = rig;
    await page.goto(`${rig.url}/`);
    await page.locator(`[data-testid="join"][data-event-id="${EVENT}"]`).click();
    await page.locator('[data-testid="queue"][data-state="admitted"]').waitFor({ timeout: 60_000 });

    await goHome(page);
    await page.locator('[data-testid="home-place"][data-state="admitted"]').waitFor();
    const countdown = page.locator('[data-testid="home-place-countdown"]');
    expect(await countdown.textContent()).toMatch(/\d+:\d\d/);
    expect(await page.locator('[data-testid="home-place"] a').getAttribute("href")).toBe("/booking");
    await expectAccessible(page, "home with an admission");

    await page.goto(`${rig.url}${START_URL}`);
    await page.locator('[data-testid="queue"][data-state="admitted"]').waitFor();
    expect(path(page)).toBe(`/queue/${EVENT}`);
    expect(await page.locator('[data-testid="admission-countdown"]').textContent()).toMatch(/\d+:\d\d/);

    // Once the booking has begun under this admission, the app reopens in it.
    await page.locator('[data-testid="start-booking"]').click();
    await page.locator('[data-testid="identity-name"]').waitFor();
    await page.goto(`${rig.url}${START_URL}`);
    await page.locator('[data-testid="identity-name"]').waitFor();
    expect(path(page)).toBe("/booking");
  });
});
