import type { BookingSession } from "./session.ts";

/** Catalog data older than this is refreshed in the background when online. */
const CATALOG_MAX_AGE_MS = 3_600_000;

export interface CatalogPart {
  /** Shows what the device has cached (offline-first). */
  loadFromStore(): Promise<void>;
  /** Fills the catalog when missing; a stale one is refreshed in the background. */
  ensure(): Promise<void>;
  /** Fetches a missing or stale catalog quietly (no progress, no notice): the user is busy elsewhere. */
  warm(): Promise<void>;
  /** The centers of one region, fetched when the cache does not have them. */
  fetchRegion(code: string): Promise<void>;
}

/** Regions (17 시도) and centers: public, cacheable, fetched whole and kept on the device. */
export function createCatalogPart(s: BookingSession): CatalogPart {
  const { api, store, clock } = s.deps;

  let inflight: Promise<void> | null = null;
  /** One fetch at a time: a quiet warm-up and the step that needs the data share it. */
  function fetchAll(): Promise<void> {
    inflight ??= fetchBoth().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  async function fetchBoth(): Promise<void> {
    const [regions, centers] = await Promise.all([
      s.call("regions", (signal) => api.listRegions({ signal })),
      s.call("centers", (signal) => api.listCenters(null, { signal })),
    ]);
    s.catalog = { regions: regions.body.regions, centers: centers.body.centers, fetchedAt: clock.now() };
    await store.putCatalog(s.catalog).catch(() => undefined); // still usable from memory
    s.update({ regions: s.catalog.regions, centers: s.centersOf(s.view.regionCode) });
  }

  const stale = () =>
    !s.catalog?.regions || !s.catalog.centers || clock.now() - s.catalog.fetchedAt > CATALOG_MAX_AGE_MS;

  return {
    async loadFromStore() {
      s.catalog = await store.getCatalog().catch(() => null);
      s.update({ regions: s.catalog?.regions ?? null, centers: s.centersOf(s.view.regionCode) });
    },

    async ensure() {
      if (!stale()) return;
      const hadCatalog = s.catalog?.regions != null;
      if (!hadCatalog) s.update({ busy: "catalog" });
      try {
        await fetchAll();
        if (!hadCatalog) s.update({ busy: null, notice: null });
      } catch (error) {
        if (!hadCatalog) s.fail(error);
      }
    },

    async warm() {
      if (stale()) await fetchAll().catch(() => undefined);
    },

    async fetchRegion(code) {
      s.update({ busy: "catalog" });
      try {
        const reply = await s.call("centers", (signal) => api.listCenters(code, { signal }));
        const others = (s.catalog?.centers ?? []).filter((c) => c.region !== code);
        s.catalog = {
          regions: s.catalog?.regions ?? null,
          centers: [...others, ...reply.body.centers],
          fetchedAt: s.catalog?.fetchedAt ?? clock.now(),
        };
        void store.putCatalog(s.catalog).catch(() => undefined);
        if (s.view.regionCode === code) s.update({ centers: s.centersOf(code), busy: null });
      } catch (error) {
        s.fail(error);
      }
    },
  };
}
