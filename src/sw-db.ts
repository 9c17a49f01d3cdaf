/**
 * The service worker's two touches of the app's database (src/platform/idb-store.ts: "meta" holds
 * preferences, "tickets" one record per event). Raw IndexedDB: the worker does not carry idb.
 * Neither may create the database: an empty version 1 would skip the app's own migration.
 */
import type { Lang } from "./i18n/core.ts";

const DB_NAME = "jari";

/** The app's database if it exists with `store`, else null. */
function openExisting(store: string): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    const request = indexedDB.open(DB_NAME);
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => resolve(null);
    request.onblocked = () => resolve(null);
    request.onsuccess = () => {
      const db = request.result;
      if (db.objectStoreNames.contains(store)) return resolve(db);
      db.close();
      resolve(null);
    };
  });
}

/** preferences.lang, or null. */
export async function savedLang(): Promise<Lang | null> {
  const db = await openExisting("meta");
  if (!db) return null;
  return new Promise((resolve) => {
    const done = (lang: Lang | null) => {
      db.close();
      resolve(lang);
    };
    const get = db.transaction("meta", "readonly").objectStore("meta").get("preferences");
    get.onsuccess = () => {
      const lang = (get.result as { lang?: unknown } | undefined)?.lang;
      done(lang === "ko" || lang === "en" ? lang : null);
    };
    get.onerror = () => done(null);
  });
}

interface SavedTicket {
  ticketId?: unknown;
  ended?: unknown;
  admission?: unknown;
  nextPollAt?: unknown;
}

/**
 * An "admitted" push arrived while no page was open: the saved "not before" of that ticket (the
 * server's last pollAfterSeconds) is brought to now, so the page the user opens reads the admission
 * at once instead of waiting it out. Only for the live, not yet admitted ticket the push names.
 */
export async function readSoon(eventId: string, ticketId: string, now: number): Promise<void> {
  const db = await openExisting("tickets");
  if (!db) return;
  await new Promise<void>((resolve) => {
    const tx = db.transaction("tickets", "readwrite");
    const tickets = tx.objectStore("tickets");
    const get = tickets.get(eventId);
    get.onsuccess = () => {
      const saved = get.result as SavedTicket | undefined;
      const waiting = saved?.ticketId === ticketId && saved.ended === null && saved.admission === null;
      if (waiting && typeof saved.nextPollAt === "number" && saved.nextPollAt > now)
        tickets.put({ ...saved, nextPollAt: now });
    };
    tx.oncomplete =
      tx.onerror =
      tx.onabort =
        () => {
          db.close();
          resolve();
        };
  });
}
