import { type DBSchema, type IDBPDatabase, openDB } from "idb";
import type { Reservation } from "../core/contract/types.ts";
import { DEFAULT_PREFERENCES } from "../core/store/defaults.ts";
import type { BookingDraft, CatalogCache, Preferences, Store, TicketRecord } from "../core/store/types.ts";

/** The on-device schema. Bump DB_VERSION and add a rung to `migrate` for every change. */
interface JariDB extends DBSchema {
  /** One ticket per event, kept after it ends until the user dismisses it. */
  tickets: { key: string; value: TicketRecord };
  /** The single booking draft in progress, under DRAFT_KEY. */
  drafts: { key: string; value: BookingDraft };
  reservations: { key: string; value: Reservation };
  /** Small singletons: preferences and the catalog cache. */
  meta: { key: MetaKey; value: Preferences | CatalogCache };
}

type MetaKey = "preferences" | "catalog";

const DB_NAME = "jari";
const DB_VERSION = 1;
const DRAFT_KEY = "current";

function migrate(db: IDBPDatabase<JariDB>, oldVersion: number): void {
  if (oldVersion < 1) {
    db.createObjectStore("tickets", { keyPath: "eventId" });
    db.createObjectStore("drafts");
    db.createObjectStore("reservations", { keyPath: "id" });
    db.createObjectStore("meta");
  }
}

export interface IdbStoreOptions {
  /** Database name; tests use a fresh one per case. */
  name?: string;
}

/**
 * The durable Store on IndexedDB. Opens once, checks the database works, and
 * rejects if it does not (private mode, disabled storage). The connection is
 * closed when another tab needs to upgrade the schema and reopened lazily on
 * the next call, so an old tab never blocks a new version.
 */
export async function openIdbStore(options: IdbStoreOptions = {}): Promise<Store> {
  const name = options.name ?? DB_NAME;
  let connection: Promise<IDBPDatabase<JariDB>> | null = null;

  const db = (): Promise<IDBPDatabase<JariDB>> => {
    if (!connection) {
      const opening = openDB<JariDB>(name, DB_VERSION, {
        upgrade: (database, oldVersion) => migrate(database, oldVersion),
        blocking: (_current, _blocked, event) => {
          (event.target as IDBDatabase).close();
          connection = null;
        },
        terminated: () => {
          connection = null;
        },
      });
      connection = opening;
      // A failed open must not stick: the next call tries again.
      opening.catch(() => {
        if (connection === opening) connection = null;
      });
    }
    return connection;
  };

  // Probe once so the caller learns now, not on the first write, that storage is unusable.
  await (await db()).get("meta", "preferences");

  return {
    durable: true,
    async getTicket(eventId) {
      return (await (await db()).get("tickets", eventId)) ?? null;
    },
    async getActiveTicket() {
      const all = await (await db()).getAll("tickets");
      const active = all.filter((ticket) => ticket.ended === null);
      active.sort((a, b) => b.createdAt - a.createdAt);
      return active[0] ?? null;
    },
    async putTicket(ticket) {
      await (await db()).put("tickets", ticket);
    },
    async claimJoin(candidate) {
      // One readwrite transaction: IndexedDB runs overlapping readwrite
      // transactions on a store one after another, across tabs, so the second
      // tab's read sees the first tab's write.
      const tx = (await db()).transaction("tickets", "readwrite");
      const existing = await tx.store.get(candidate.eventId);
      const claimed = existing && existing.ended === null ? existing : candidate;
      if (claimed === candidate) await tx.store.put(candidate);
      await tx.done;
      return claimed;
    },
    async deleteTicket(eventId) {
      await (await db()).delete("tickets", eventId);
    },
    async getDraft() {
      return (await (await db()).get("drafts", DRAFT_KEY)) ?? null;
    },
    async putDraft(draft) {
      await (await db()).put("drafts", draft, DRAFT_KEY);
    },
    async deleteDraft() {
      await (await db()).delete("drafts", DRAFT_KEY);
    },
    async listReservations() {
      return (await db()).getAll("reservations");
    },
    async putReservation(reservation) {
      await (await db()).put("reservations", reservation);
    },
    async getPreferences() {
      const saved = (await (await db()).get("meta", "preferences")) as Preferences | undefined;
      // Spread over the defaults so a preference added later has a value for old records.
      return { ...DEFAULT_PREFERENCES, ...saved };
    },
    async putPreferences(prefs) {
      await (await db()).put("meta", prefs, "preferences");
    },
    async getCatalog() {
      return ((await (await db()).get("meta", "catalog")) as CatalogCache | undefined) ?? null;
    },
    async putCatalog(catalog) {
      await (await db()).put("meta", catalog, "catalog");
    },
  };
}
