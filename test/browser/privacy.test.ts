import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { fillIdentity, PERSON, reachIdentityForm, startRig } from "./chaos-setup.ts";

// Issue 8, point 8 (privacy): a full flow in Chromium (join → admitted → identity → reservation confirmed
// → cancelled), then a scan of every place a secret could linger: URLs requested or visited, console
// output, localStorage, sessionStorage, Cache Storage (keys and bodies) and IndexedDB (every database,
// every store). Personal data and tokens may travel only in request bodies and headers; at the end only
// the reservation's own access token may stay on the device, in IndexedDB, to show the reservation.

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

interface Secrets {
  ticketToken?: string;
  admissionToken?: string;
  identityToken?: string;
  accessToken?: string;
}

/** The parts of API answers that carry tokens. */
interface ApiBody {
  ticket?: { token?: string };
  status?: { admission?: { token?: string } };
  admission?: { token?: string };
  identity?: { token?: string };
  reservation?: { accessToken?: string };
}

/** Everything the page keeps on the device, as text, per place. */
async function deviceStorage(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const cache: string[] = [];
    for (const name of await caches.keys()) {
      const store = await caches.open(name);
      for (const request of await store.keys()) {
        cache.push(request.url);
        const answer = await store.match(request);
        cache.push((await answer?.clone().text()) ?? "");
      }
    }
    const idb: Record<string, string> = {};
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name as string);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const storeName of [...db.objectStoreNames]) {
        const tx = db.transaction(storeName);
        const all = <T>(req: IDBRequest<T>) =>
          new Promise<T>((resolve, reject) => {
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
          });
        const store = tx.objectStore(storeName);
        idb[`indexedDB ${info.name}/${storeName}`] =
          `${JSON.stringify(await all(store.getAllKeys()))}\n${JSON.stringify(await all(store.getAll()))}`;
      }
      db.close();
    }
    return {
      localStorage: JSON.stringify({ ...localStorage }),
      sessionStorage: JSON.stringify({ ...sessionStorage }),
      cacheStorage: cache.join("\n"),
      ...idb,
    };
  });
}

/** Which of the named secrets appear in which places. */
function leaks(places: Record<string, string>, secrets: Record<string, string | undefined>): string[] {
  const found: string[] = [];
  for (const [place, text] of Object.entries(places)) {
    for (const [name, value] of Object.entries(secrets)) {
      if (value && text.includes(value)) found.push(`${name} in ${place}`);
    }
  }
  return found.sort();
}

describe("privacy in Chromium", () => {
  it("after join → reservation → cancel, personal data and tokens are only where needed, then gone", {
    timeout: 150_000,
  }, async () => {
    const rig = await startRig(cleanup, { speed: 5 });
    const { page, b } = rig;
    const urls: string[] = [];
    const consoleText: string[] = [];
    const secrets: Secrets = {};
    b.context.on("request", (r) => urls.push(r.url()));
    b.context.on("console", (m) => consoleText.push(m.text()));
    page.on("framenavigated", (f) => urls.push(f.url()));
    page.on("pageerror", (e) => consoleText.push(String(e)));
    b.context.on("response", async (r) => {
      if (!new URL(r.url()).pathname.startsWith("/api/")) return;
      const body = (await r.json().catch(() => null)) as ApiBody | null;
      if (!body) return;
      secrets.ticketToken ??= body.ticket?.token;
      secrets.admissionToken ??= body.status?.admission?.token ?? body.admission?.token;
      secrets.identityToken ??= body.identity?.token;
      secrets.accessToken ??= body.reservation?.accessToken;
    });

    await reachIdentityForm(page, rig.url);
    // While waiting, the place itself is needed on the device.
    expect(secrets.ticketToken).toMatch(/\S/);
    await fillIdentity(page);
    await page.locator('[data-testid="identity-submit"]').click();
    await page.locator('[data-testid="region-option"][data-region-code="11"]').click();
    await page.locator('[data-testid="center-option"]').first().click();
    await page.locator('[data-testid="slot-option"]:not([disabled])').first().click();
    await page.locator('[data-testid="confirm-reservation"]').click();
    const card = page.locator('[data-testid="reservation"]');
    await card.waitFor({ timeout: 30_000 });
    expect(await card.getAttribute("data-status")).toBe("confirmed");
    expect(secrets).toMatchObject({
      admissionToken: expect.stringMatching(/\S/),
      identityToken: expect.stringMatching(/\S/),
      accessToken: expect.stringMatching(/\S/),
    });

    await page.locator('[data-testid="cancel-reservation"]').click();
    await page.locator('[data-testid="cancel-confirm"]').click();
    await expect.poll(() => card.getAttribute("data-status"), { timeout: 30_000 }).toBe("cancelled");
    // Let any write that follows the last answer land, then reload so only what was stored remains.
    await page.waitForTimeout(1_000);
    await page.reload();
    await card.waitFor({ timeout: 15_000 });

    const personal = {
      name: PERSON.name,
      birthDate: PERSON.birthDate,
      birthDateDigits: PERSON.birthDate.replaceAll("-", ""),
      phone: PERSON.phone,
      phoneDashed: PERSON.phone.replace(/^(\d{3})(\d{4})(\d{4})$/, "$1-$2-$3"),
    };
    const tokens = { ...secrets };
    // Never in a URL or the console, at any time (URLs land in logs, history and Referer headers).
    expect(
      leaks({ urls: urls.join("\n"), console: consoleText.join("\n") }, { ...personal, ...tokens }),
    ).toEqual([]);
    // At the end, nothing personal anywhere, and of the tokens only the reservation's, in IndexedDB.
    const stored = await deviceStorage(page);
    // Each IndexedDB store is its own place ("indexedDB <db>/<store>"): the scan really read some.
    expect(Object.keys(stored).filter((place) => place.startsWith("indexedDB ")).length).toBeGreaterThan(0);
    expect(leaks(stored, personal)).toEqual([]);
    expect(
      leaks(stored, {
        ticketToken: tokens.ticketToken,
        admissionToken: tokens.admissionToken,
        identityToken: tokens.identityToken,
      }),
    ).toEqual([]);
    expect(
      leaks(stored, { accessToken: tokens.accessToken }).filter((l) => !l.includes(" in indexedDB ")),
    ).toEqual([]);
  });
});
