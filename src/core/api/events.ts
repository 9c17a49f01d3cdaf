import { EventsResponse } from "../contract/decode-common.ts";
import type { EventsResponse as Events } from "../contract/types.ts";
import type { Exchange } from "./transport.ts";

/** GET /events: the one call the home screen makes, kept apart from the other operations. */
export const eventsExchange: Exchange<Events> = {
  method: "GET",
  path: "/events",
  decode: EventsResponse,
  serverTime: (b) => b.serverTime,
};
