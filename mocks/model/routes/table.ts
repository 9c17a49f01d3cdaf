/** The contract's routes. `name` is the stats key, e.g. "GET /events/{id}/tickets/{id}". */
import type { RouteHandler } from "../context.ts";
import { listCenterSlots, verifyIdentity } from "./booking.ts";
import { listCenters, listRegions } from "./catalog.ts";
import { getPushKey, subscribePush, unsubscribePush } from "./push.ts";
import { cancelReservation, createReservation, getReservation } from "./reservations.ts";
import { getTicket, joinQueue, leaveQueue } from "./tickets.ts";
import { getTime, listEvents } from "./time-events.ts";

export interface Route {
  method: string;
  pattern: RegExp;
  name: string;
  handler: RouteHandler;
}

const SEG = "([^/]+)";
const route = (method: string, path: string, handler: RouteHandler): Route => ({
  method,
  name: `${method} ${path.replaceAll(/\{\w+\}/g, "{id}")}`,
  pattern: new RegExp(`^/api/v1${path.replaceAll(/\{\w+\}/g, SEG)}/?$`),
  handler,
});

const routes: Route[] = [
  route("GET", "/time", getTime),
  route("GET", "/events", listEvents),
  route("POST", "/events/{eventId}/tickets", joinQueue),
  route("GET", "/events/{eventId}/tickets/{ticketId}", getTicket),
  route("DELETE", "/events/{eventId}/tickets/{ticketId}", leaveQueue),
  route("PUT", "/events/{eventId}/tickets/{ticketId}/push", subscribePush),
  route("DELETE", "/events/{eventId}/tickets/{ticketId}/push", unsubscribePush),
  route("GET", "/push/key", getPushKey),
  route("POST", "/identity", verifyIdentity),
  route("GET", "/regions", listRegions),
  route("GET", "/centers", listCenters),
  route("GET", "/centers/{centerId}/slots", listCenterSlots),
  route("POST", "/reservations", createReservation),
  route("GET", "/reservations/{reservationId}", getReservation),
  route("DELETE", "/reservations/{reservationId}", cancelReservation),
];

export type RouteMatch =
  | { kind: "found"; route: Route; params: string[] }
  | { kind: "wrong-method"; allow: string[] }
  | { kind: "none" };

export function matchRoute(method: string, path: string): RouteMatch {
  const allow: string[] = [];
  for (const candidate of routes) {
    const m = candidate.pattern.exec(path);
    if (!m) continue;
    if (candidate.method === method) {
      return { kind: "found", route: candidate, params: m.slice(1).map(decodeURIComponent) };
    }
    allow.push(candidate.method);
  }
  return allow.length > 0 ? { kind: "wrong-method", allow } : { kind: "none" };
}
