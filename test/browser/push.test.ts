import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../../mocks/server.ts";
import { seoulHourMinute } from "../../src/sw-push.ts";
import { expectAccessible } from "./axe.ts";
import { type FakePushService, type FakeSubscription, startFakePushService } from "./fake-push-service.ts";
import { type Browser, launchBrowser } from "./harness.ts";
import { type ApiRequest, recordApi, stubPushManager, type WorkerPush, workerPush } from "./push-helpers.ts";

// Issue 9: the your-turn Web Push and held reads in Chromium, on the production build and the socket
// server, which really sends encrypted, VAPID-signed Web Push to a fake push service on 127.0.0.1;
// the fake service checks and decrypts it and hands it to the app's service worker through CDP.
// The server's clock can jump (`admitNow`), so a turn comes when the test says, not after minutes.

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

interface Joined {
  ticketId: string;
  /** When the join was answered (real ms) and its ETA then: the turn comes at joinedAt + eta. */
  joinedAt: number;
  etaSeconds: number;
}

interface Rig {
  server: MockServer;
  b: Browser;
  page: Page;
  fake: FakePushService;
  sub: FakeSubscription;
  worker: WorkerPush;
  api: ApiRequest[];
  count(route: string, since?: number, page?: Page): number;
  /** Moves the server's clock so that the ticket's ETA is `etaSeconds` now (0: admitted now). */
  jumpToEta(joined: Joined, etaSeconds: number): void;
  faults(configure: Record<string, unknown>): Promise<void>;
}

/**
 * `speed` 0.05 makes the calm line's 30 people take about 200 s: nothing happens unless the test
 * moves the server's clock. Held reads (ETA <= 60 s) and near-front (<= 180 s) come with the jumps.
 */
async function startRig(
  opts: { speed?: number; configure?: Record<string, unknown>; locale?: string } = {},
): Promise<Rig> {
  let offsetMs = 0;
  const server = await startMockServer({
    staticDir: "dist",
    scenario: "calm",
    seed: 1,
    speed: opts.speed ?? 0.05,
    now: () => Date.now() + offsetMs,
    pushIntervalMs: 100,
  });
  cleanup.push(() => server.close());
  const faults = async (configure: Record<string, unknown>) => {
    const answer = await fetch(`${server.url}/__mock/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ configure }),
    });
    expect(answer.status).toBe(200);
  };
  if (opts.configure) await faults(opts.configure);
  const b = await launchBrowser(opts.locale ? { locale: opts.locale } : {});
  cleanup.push(() => b.close());
  let worker: WorkerPush | null = null;
  const fake = await startFakePushService({
    vapidPublicKey: () => server.pushPublicKey,
    deliver: async (message) => {
      if (!worker) throw new Error("no CDP link to the service worker yet");
      await worker.deliver(message.plaintext);
    },
  });
  cleanup.push(() => fake.close());
  const sub = fake.subscribe();
  await stubPushManager(b.context, sub);
  await b.context.grantPermissions(["notifications"], { origin: server.url });
  const api = recordApi(b.context);
  worker = await workerPush(b.context, server.url);
  const linked = worker;
  cleanup.push(() => linked.close());
  return {
    server,
    b,
    page: b.page,
    fake,
    sub,
    worker,
    api,
    count: (route, since = 0, page) =>
      api.filter((r) => r.route === route && r.at >= since && (!page || r.page === page)).length,
    jumpToEta(joined, etaSeconds) {
      offsetMs = joined.joinedAt + (joined.etaSeconds - etaSeconds) * 1000 - Date.now();
    },
    faults,
  };
}

const queueState = (page: Page, state: string) =>
  page.locator(`[data-testid="queue"][data-state="${state}"]`).waitFor({ timeout: 30_000 });

async function join(rig: Rig, page = rig.page): Promise<Joined> {
  await page.goto(`${rig.server.url}/`);
  // The worker must be active for push (and for the SW-shown notifications) before anything else.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.locator('[data-testid="join"][data-event-id="c55-59"]').click();
  await queueState(page, "waiting");
  const ticketId = (await page.locator('[data-testid="queue"]').getAttribute("data-ticket-id")) ?? "";
  const answer = rig.api.find((r) => r.route === "POST join" && r.status === 201);
  const body = answer?.body as { status?: { etaSeconds?: number } } | undefined;
  expect(ticketId).toMatch(/\S/);
  expect(body?.status?.etaSeconds).toBeGreaterThan(0);
  return { ticketId, joinedAt: answer?.at ?? Date.now(), etaSeconds: body?.status?.etaSeconds ?? 0 };
}

/** Taps "notify me" and waits until the server holds this browser's subscription for the ticket. */
async function turnPushOn(rig: Rig, page = rig.page): Promise<void> {
  await page.locator('[data-testid="alert-notify"]').click();
  await expect.poll(() => page.locator('[data-testid="alert-notify"]').isChecked()).toBe(true);
  await expect.poll(() => rig.api.filter((r) => r.route === "PUT push" && r.status === 204).length).toBe(1);
  await page.locator('[data-testid="alert-push"]').waitFor();
  // Subscribed with the server's own VAPID key, to the (stubbed) push service's endpoint.
  expect(
    await page.evaluate(() => (window as unknown as { __pushSubscribeKeys: string[] }).__pushSubscribeKeys),
  ).toEqual([rig.server.pushPublicKey]);
}

/** The user switches to another app: the page is hidden and unfocused (as in queue.test.ts). */
const hide = (page: Page) =>
  page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
    Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
    document.hasFocus = () => false;
    document.dispatchEvent(new Event("visibilitychange"));
  });

/** Sets preferences.lang in the app's database (store "meta", key "preferences"), from the worker. */
async function saveLang(rig: Rig, lang: "ko" | "en"): Promise<void> {
  const sw = rig.b.context.serviceWorkers().at(-1);
  expect(sw).toBeDefined();
  await sw?.evaluate(
    (value) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("jari");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction("meta", "readwrite");
          const meta = tx.objectStore("meta");
          const get = meta.get("preferences");
          get.onsuccess = () => meta.put({ ...(get.result ?? {}), lang: value }, "preferences");
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    lang,
  );
}

const payloads = (fake: FakePushService) =>
  fake.received.map(
    (m) => JSON.parse(m.plaintext) as { type: string; ticketId: string; [k: string]: unknown },
  );

/** The your-turn notification the worker shows for the ticket (polls until there is one). */
async function turnNotification(rig: Rig, ticketId: string, title: RegExp | string) {
  await expect
    .poll(
      async () =>
        (await rig.worker.notifications())
          .filter((n) => n.tag === `jari-turn-${ticketId}`)
          .map((n) => n.title),
      {
        timeout: 10_000,
      },
    )
    .toContainEqual(title instanceof RegExp ? expect.stringMatching(title) : title);
  const shown = (await rig.worker.notifications()).filter((n) => n.tag === `jari-turn-${ticketId}`);
  expect(shown).toHaveLength(1);
  return shown[0] as NonNullable<(typeof shown)[0]>;
}

describe("your-turn Web Push in Chromium", () => {
  it("admitted while the page is open but hidden: the worker shows 'book by HH:MM', the page wakes", async () => {
    const rig = await startRig();
    const joined = await join(rig);
    await turnPushOn(rig);
    await expectAccessible(rig.page, "waiting room with push on (ko)");
    await hide(rig.page);
    const hiddenAt = Date.now();

    rig.jumpToEta(joined, 0);
    await rig.fake.receivedCount(1);
    const [admitted] = payloads(rig.fake);
    expect(admitted).toMatchObject({ type: "admitted", eventId: "c55-59", ticketId: joined.ticketId });
    expect(rig.fake.deliveryErrors).toEqual([]);
    const time = seoulHourMinute(String(admitted?.expiresAt));
    const shown = await turnNotification(rig, joined.ticketId, `차례가 되었습니다 — ${time}까지 예약하세요`);
    expect(shown).toMatchObject({
      requireInteraction: true,
      renotify: true,
      vibrate: [400, 150, 400, 150, 800],
      data: { url: "/queue/c55-59", type: "admitted", ticketId: joined.ticketId },
    });
    // The push wakes the hidden page, which reads its status at once (the admission comes from there).
    const pushedAt = rig.fake.received[0]?.at ?? 0;
    await expect
      .poll(() => rig.count("GET ticket", pushedAt, rig.page), { timeout: 5_000 })
      .toBeGreaterThan(0);
    await queueState(rig.page, "admitted");
    expect(rig.count("GET ticket", hiddenAt, rig.page)).toBeLessThanOrEqual(3);
    expect(rig.count("POST join")).toBe(1);
  });

  it("admitted with every page of the app closed: a notification, and opening it shows the turn", async () => {
    const rig = await startRig();
    const joined = await join(rig);
    await turnPushOn(rig);
    await rig.page.close();
    const closedAt = Date.now();

    rig.jumpToEta(joined, 0);
    await rig.fake.receivedCount(1);
    expect(payloads(rig.fake)[0]).toMatchObject({ type: "admitted", ticketId: joined.ticketId });
    const time = seoulHourMinute(String(payloads(rig.fake)[0]?.expiresAt));
    const shown = await turnNotification(rig, joined.ticketId, `차례가 되었습니다 — ${time}까지 예약하세요`);
    // Nobody polled: the push alone told the user.
    expect(rig.count("GET ticket", closedAt)).toBe(0);

    // The user taps it: the app opens at the notification's url, reads the status, and can book.
    const url = (shown.data as { url: string }).url;
    expect(url).toBe("/queue/c55-59");
    const opened = await rig.b.context.newPage();
    await opened.goto(`${rig.server.url}${url}`);
    // It reads the status on open: the turn shows at once, not at the next planned poll.
    await opened.locator('[data-testid="queue"][data-state="admitted"]').waitFor({ timeout: 10_000 });
    expect(await opened.locator('[data-testid="queue"]').getAttribute("data-ticket-id")).toBe(
      joined.ticketId,
    );
    await opened.locator('[data-testid="start-booking"]').click();
    await opened.locator('[data-testid="identity-name"]').waitFor({ timeout: 30_000 });
    expect(rig.count("POST join")).toBe(1);
  });

  it("near the front: a quiet heads-up under the same tag, replaced by the admission, in the user's language", async () => {
    // An English phone: with no language saved by the app, the worker follows the browser's.
    const rig = await startRig({ locale: "en-US" });
    const joined = await join(rig);
    await turnPushOn(rig);
    await rig.page.close();

    rig.jumpToEta(joined, 150);
    await rig.fake.receivedCount(1);
    const [near] = payloads(rig.fake);
    expect(near).toMatchObject({ type: "near-front", ticketId: joined.ticketId });
    expect(rig.fake.received[0]?.ttl).toBe(near?.etaSeconds);
    const heads = await turnNotification(
      rig,
      joined.ticketId,
      `Almost your turn — about ${Number(near?.ahead).toLocaleString("en-GB")} people ahead`,
    );
    expect(heads).toMatchObject({ silent: true, requireInteraction: false, vibrate: [], lang: "en" });

    // The language saved in the app's database wins over the browser's.
    await saveLang(rig, "ko");
    rig.jumpToEta(joined, 0);
    await rig.fake.receivedCount(2);
    const turn = await turnNotification(
      rig,
      joined.ticketId,
      /^차례가 되었습니다 — \d\d:\d\d까지 예약하세요$/,
    );
    expect(turn).toMatchObject({ lang: "ko", requireInteraction: true });
  });

  it("push turned off sends DELETE, and no push comes after", async () => {
    const rig = await startRig();
    const joined = await join(rig);
    await turnPushOn(rig);
    await rig.page.locator('[data-testid="alert-notify"]').click();
    await expect
      .poll(() => rig.api.filter((r) => r.route === "DELETE push" && r.status === 204).length)
      .toBe(1);
    expect(rig.server.backend.stats().byRoute["DELETE /events/{id}/tickets/{id}/push"]).toBe(1);
    await expect(rig.page.locator('[data-testid="alert-push"]').count()).resolves.toBe(0);

    rig.jumpToEta(joined, 0);
    // Whatever the server would send now (the send loop takes the same list): nothing for this ticket.
    expect(await rig.server.backend.takeDuePush()).toEqual([]);
    expect(rig.fake.received).toEqual([]);
    expect(rig.server.pushDeliveries).toEqual([]);
  });

  it("after leaving, no push comes", async () => {
    const rig = await startRig();
    const joined = await join(rig);
    await turnPushOn(rig);
    await rig.page.locator('[data-testid="leave-queue"]').click();
    await rig.page.locator('[data-testid="leave-confirm"]').click();
    await expect
      .poll(() => rig.api.filter((r) => r.route === "DELETE ticket" && r.status === 204).length)
      .toBe(1);

    rig.jumpToEta(joined, 150);
    expect(await rig.server.backend.takeDuePush()).toEqual([]);
    rig.jumpToEta(joined, 0);
    expect(await rig.server.backend.takeDuePush()).toEqual([]);
    expect(rig.fake.received).toEqual([]);
    expect(rig.server.pushDeliveries).toEqual([]);
  });
});

/** Every status read's gap to the one before it, with the pollAfterSeconds that earlier answer gave. */
function readGaps(rig: Rig): { gapMs: number; floorMs: number }[] {
  const reads = rig.api.filter((r) => r.route === "GET ticket" || r.route === "POST join");
  return reads.slice(1).map((read, i) => {
    const before = reads[i] as ApiRequest;
    const body = before.body as
      | { pollAfterSeconds?: number; status?: { pollAfterSeconds?: number } }
      | undefined;
    const floor = body?.pollAfterSeconds ?? body?.status?.pollAfterSeconds ?? 0;
    // The floor counts from the answer; the request left a little before it.
    return { gapMs: read.at - before.at, floorMs: floor * 1000 - 500 };
  });
}

describe("servers without the v1.1 features, in Chromium", () => {
  // speed 0.25: the calm line's 30 people take about 40 s, in real time (no clock jumps here).
  it("a server without push (404 key): no push option, nothing subscribed, polling as before", {
    timeout: 120_000,
  }, async () => {
    const rig = await startRig({ speed: 0.25, configure: { pushUnavailable: true, ignoresPrefer: true } });
    await join(rig);
    await expect
      .poll(() => rig.api.filter((r) => r.route === "GET key" && r.status === 404).length)
      .toBeGreaterThan(0);
    // "Notify me" stays the page's own alert: permission, but no subscription and no PUT.
    await rig.page.locator('[data-testid="alert-notify"]').click();
    await expect.poll(() => rig.page.locator('[data-testid="alert-notify"]').isChecked()).toBe(true);
    expect(await rig.page.locator('[data-testid="alert-push"]').count()).toBe(0);
    const keys = await rig.page.evaluate(
      () => (window as unknown as { __pushSubscribeKeys: string[] }).__pushSubscribeKeys,
    );
    expect(keys).toEqual([]);

    // Polling goes on as before push existed, spaced as the server asks, and finds the turn.
    await rig.page.locator('[data-testid="queue"][data-state="admitted"]').waitFor({ timeout: 90_000 });
    expect(rig.count("GET ticket")).toBeGreaterThanOrEqual(2);
    for (const { gapMs, floorMs } of readGaps(rig))
      expect(gapMs).toBeGreaterThanOrEqual(Math.max(1000, floorMs));
    expect(rig.count("PUT push") + rig.count("DELETE push")).toBe(0);
    expect(rig.fake.received).toEqual([]);
  });

  it("a server that ignores Prefer: wait gets ordinary polling, never a storm", {
    timeout: 120_000,
  }, async () => {
    const rig = await startRig({ speed: 0.25, configure: { ignoresPrefer: true } });
    await join(rig);
    // The whole wait is within a minute of the front, where a server with held reads would hold.
    await rig.page.locator('[data-testid="queue"][data-state="admitted"]').waitFor({ timeout: 90_000 });
    const reads = rig.api.filter((r) => r.route === "GET ticket");
    expect(reads.length).toBeGreaterThanOrEqual(2);
    for (const read of reads) {
      expect(read.headers.prefer).toMatch(/^wait=\d+$/);
      expect(read.answerHeaders?.["preference-applied"]).toBeUndefined();
    }
    // Every read at least 1 s after the one before, and never before the server's pollAfterSeconds.
    for (const { gapMs, floorMs } of readGaps(rig))
      expect(gapMs).toBeGreaterThanOrEqual(Math.max(1000, floorMs));
    // About 40 s of waiting: a handful of reads, not a storm.
    expect(reads.length).toBeLessThanOrEqual(12);
  });
});

describe("held reads and page freeze, in Chromium", () => {
  it("a held read answered at admission shows the turn within a second", { timeout: 120_000 }, async () => {
    // Real time: the line moves on its own (about 34 s), a held read ends at the admission itself.
    const rig = await startRig({ speed: 0.3 });
    await rig.page.goto(`${rig.server.url}/`);
    await rig.page.locator('[data-testid="join"][data-event-id="c55-59"]').click();
    await queueState(rig.page, "waiting");
    // The page's clock when the screen first says "admitted".
    await rig.page.evaluate(() => {
      const w = window as unknown as { __admittedAt: number | null };
      w.__admittedAt = null;
      const look = () => {
        if (w.__admittedAt === null && document.querySelector('[data-testid="queue"][data-state="admitted"]'))
          w.__admittedAt = Date.now();
      };
      new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true });
      look();
    });
    await rig.page.locator('[data-testid="queue"][data-state="admitted"]').waitFor({ timeout: 90_000 });
    const admittedRead = rig.api.find(
      (r) => r.route === "GET ticket" && (r.body as { state?: string } | undefined)?.state === "admitted",
    );
    const body = admittedRead?.body as { admission: { expiresAt: string } };
    // The server admits at expiresAt minus its 10-minute window (the model's clock is this machine's).
    const serverAdmittedAt = Date.parse(body.admission.expiresAt) - 10 * 60_000;
    const shownAt = await rig.page.evaluate(
      () => (window as unknown as { __admittedAt: number }).__admittedAt,
    );
    expect(admittedRead?.headers.prefer).toMatch(/^wait=\d+$/);
    expect(admittedRead?.answerHeaders?.["preference-applied"]).toMatch(/^wait=\d+$/);
    // The number README quotes (issue 9, item 8): admission to the screen saying so, held read.
    console.info(`held read: admission shown ${shownAt - serverAdmittedAt} ms after the server admitted`);
    expect(shownAt - serverAdmittedAt).toBeLessThan(1000);
    expect(shownAt - serverAdmittedAt).toBeGreaterThan(-50);
  });

  it("a frozen page sends nothing while frozen and re-checks once after", { timeout: 120_000 }, async () => {
    // speed 0.2: about 50 s to the front, reads every ~10 s (a server without held reads, so that a
    // read is due while frozen; with push on, a visible page reads only every 5 minutes anyway).
    const rig = await startRig({ speed: 0.2, configure: { ignoresPrefer: true } });
    const joined = await join(rig);
    await expect.poll(() => rig.count("GET ticket", joined.joinedAt), { timeout: 30_000 }).toBeGreaterThan(0);
    const last = () => [...rig.api].reverse().find((r) => r.route === "GET ticket" && r.status === 200);
    await expect.poll(() => last()?.body).toBeDefined();
    const lastRead = last() as ApiRequest;
    const pollAfterMs = ((lastRead.body as { pollAfterSeconds?: number }).pollAfterSeconds ?? 0) * 1000;
    expect(pollAfterMs).toBeGreaterThan(0);
    expect(pollAfterMs).toBeLessThanOrEqual(15_000);
    // This headless Chromium takes Page.setWebLifecycleState but fires no freeze/resume (see
    // chaos.test.ts), so the page is also told itself, with the events a real freeze fires.
    const cdp = await rig.b.context.newCDPSession(rig.page);
    await rig.page.evaluate(() => document.dispatchEvent(new Event("freeze")));
    await cdp.send("Page.setWebLifecycleState", { state: "frozen" });
    const frozenAt = Date.now();
    // Past the next due read, with room for its 20 % jitter: a read fell due while frozen.
    const due = lastRead.at + pollAfterMs * 1.2 + 2000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - frozenAt)));
    const whileFrozen = rig.api.filter((r) => r.at >= frozenAt).map((r) => `${r.method} ${r.path}`);
    await cdp.send("Page.setWebLifecycleState", { state: "active" });
    await rig.page.evaluate(() => document.dispatchEvent(new Event("resume")));
    const resumedAt = Date.now();
    expect(whileFrozen).toEqual([]);
    await expect.poll(() => rig.count("GET ticket", resumedAt), { timeout: 15_000 }).toBe(1);
    // Once: the next read waits for that answer's pollAfterSeconds again.
    const recheck = rig.api.find((r) => r.route === "GET ticket" && r.at >= resumedAt) as ApiRequest;
    await expect.poll(() => recheck.body, { timeout: 10_000 }).toBeDefined();
    const floorMs = ((recheck.body as { pollAfterSeconds?: number }).pollAfterSeconds ?? 0) * 1000;
    const quietUntil = recheck.at + Math.max(1000, floorMs - 500);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, quietUntil - Date.now())));
    expect(rig.count("GET ticket", resumedAt)).toBe(1);
    expect(rig.count("POST join")).toBe(1);
  });
});
