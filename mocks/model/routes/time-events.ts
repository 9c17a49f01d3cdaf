/** GET /time and GET /events. */
import type { RouteHandler } from "../context.ts";
import { toWireEvent } from "../events.ts";
import { json } from "../responses.ts";
import { toSeoulTimestamp } from "../time-format.ts";

export const getTime: RouteHandler = (ctx) => json(200, { serverTime: toSeoulTimestamp(ctx.now) });

export const listEvents: RouteHandler = (ctx) =>
  json(200, {
    events: ctx.events.map((event) => toWireEvent(event, ctx.now, ctx.state.scenario)),
    serverTime: toSeoulTimestamp(ctx.now),
  });
