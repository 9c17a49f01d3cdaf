/** GET /regions and GET /centers: public catalog data, cacheable for an hour. */
import { CENTERS } from "../catalog/centers.ts";
import { REGIONS } from "../catalog/regions.ts";
import type { RouteHandler } from "../context.ts";
import { json } from "../responses.ts";

const CATALOG_CACHE = { "cache-control": "public, max-age=3600" };

export const listRegions: RouteHandler = () => json(200, { regions: REGIONS }, CATALOG_CACHE);

export const listCenters: RouteHandler = (ctx) => {
  const region = ctx.query.get("region");
  const centers = region === null ? CENTERS : CENTERS.filter((center) => center.region === region);
  return json(200, { centers }, CATALOG_CACHE);
};
