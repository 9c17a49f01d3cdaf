import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { expectAccessible } from "./axe.ts";
import { launchBrowser } from "./harness.ts";
import { serveStatic } from "./static-server.ts";

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

/** The demo backend's counts, read from the model MSW runs in the page (mocks/browser.ts). */
function inspectDemo(page: Page) {
  return page.evaluate(() => {
    type Mock = { inspect(): unknown; stats(): { statusCounts: Record<string, number> } };
    const mock = (window as unknown as { __jariMock?: Mock }).__jariMock;
    if (!mock) throw new Error("no demo backend on window.__jariMock");
    return {
      ...(mock.inspect() as {
        ticketsByEvent: Record<string, number>;
        reservations: number;
        activeReservations: number;
      }),
      statusCounts: mock.stats().statusCounts,
    };
  });
}

/**
 * The whole demo as a person meets it, from home to a confirmed reservation,
 * with the scenario's faults on: the birth year steers to the line, one
 * ticket, admission (in `bounce` the admitting answer is lost once), booking,
 * exactly one reservation on the server.
 */
/**
 * How long one step may wait. Not a speed target: in flaky a request may hang
 * until the client's 10 s timeout and then back off, more than once per step.
 */
const STEP_MS = 90_000;

async function bookThroughTheDemo(query: string): Promise<Record<string, number>> {
  const server = await serveStatic("dist-demo");
  cleanup.push(() => server.close());
  const b = await launchBrowser();
  cleanup.push(() => b.close());
  const { page } = b;

  await page.goto(`${server.url}/?${query}`);
  await page.locator('[data-testid="events"]').waitFor({ timeout: STEP_MS });
  await page.locator('[data-testid="birth-year"]').fill("1964");
  await page.locator('[data-testid="birth-year-submit"]').click();
  const join = page.locator('[data-testid="join"][data-event-id="c55-59"]');
  await page.waitForFunction(
    () => (document.activeElement as HTMLElement | null)?.dataset.eventId === "c55-59",
  );
  expect(await page.locator(".event.mine").getAttribute("data-event-id")).toBe("c55-59");
  await expectAccessible(page, `home with the birth year (${query})`);
  await join.click();

  const queue = page.locator('[data-testid="queue"]');
  await queue.waitFor();
  expect(await page.locator('[data-testid="queue-event"]').textContent()).toContain("55");
  await page.waitForFunction(
    () => {
      const state = document.querySelector('[data-testid="queue"]')?.getAttribute("data-state");
      return state === "waiting" || state === "admitted";
    },
    undefined,
    { timeout: STEP_MS },
  );
  await expectAccessible(page, `waiting room (${query})`);
  const start = page.locator('[data-testid="start-booking"]');
  await start.waitFor({ timeout: STEP_MS });
  await expectAccessible(page, `admitted (${query})`);
  await start.click();

  await page.locator('[data-testid="identity-name"]').fill("홍길동");
  await page.locator('[data-testid="identity-birthdate"]').fill("1964-03-02");
  await page.locator('[data-testid="identity-phone"]').fill("01012345678");
  await expectAccessible(page, `booking: identity (${query})`);
  await page.locator('[data-testid="identity-submit"]').click();

  await page.locator('[data-testid="region-option"][data-region-code="11"]').click({ timeout: STEP_MS });
  await page.locator('[data-testid="center-option"]').first().click({ timeout: STEP_MS });
  await page.locator('[data-testid="slot-option"]:not([disabled])').first().click({ timeout: STEP_MS });
  await expectAccessible(page, `booking: confirm (${query})`);
  await page.locator('[data-testid="confirm-reservation"]').click();

  const card = page.locator('[data-testid="reservation"]');
  await card.waitFor({ timeout: STEP_MS });
  expect(await card.getAttribute("data-status")).toBe("confirmed");
  expect(await card.getAttribute("data-code")).toMatch(/\S+/);
  await expectAccessible(page, `reservation (${query})`);

  const demo = await inspectDemo(page);
  expect(demo.ticketsByEvent).toEqual({ "c55-59": 1 });
  expect(demo.reservations).toBe(1);
  expect(demo.activeReservations).toBe(1);
  expect(await b.cspViolations()).toEqual([]);
  return demo.statusCounts;
}

/** Answers the app did not get as sent: drops, hangs, cut bodies, errors, 429 and 503. */
const faultsMet = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([outcome]) => !/^(200|201|204)$/.test(outcome))
    .reduce((sum, [, n]) => sum + n, 0);

describe("the demo build, home to a confirmed reservation, with faults on", () => {
  it("in ?scenario=bounce (the admitting answer is lost once)", { timeout: 120_000 }, async () => {
    const counts = await bookThroughTheDemo("scenario=bounce&speed=5&seed=1");
    // The one fault of this scenario: the answer that first carried the admission was dropped.
    expect(counts.drop).toBe(1);
  });

  it("in ?scenario=flaky (drops, hangs, lost answers, malformed bodies, 429/503)", {
    timeout: 300_000,
  }, async () => {
    const counts = await bookThroughTheDemo("scenario=flaky&speed=5&seed=1");
    expect(faultsMet(counts)).toBeGreaterThan(0);
  });
});
