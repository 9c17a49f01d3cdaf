import { decodeCancelled, decoders } from "../contract/decode.ts";
import { eventsExchange } from "./events.ts";
import { type ApiClientOptions, createTransport, type Transport } from "./transport.ts";
import type { GovernedApiClient } from "./types.ts";

export type { ApiClientOptions } from "./transport.ts";

const seg = encodeURIComponent;

/**
 * The booking contract over an injected fetch. One attempt per call: failures
 * come back sorted as ApiError (see ApiFailure) for the retry policy to judge.
 */
export function createApiClient(options: ApiClientOptions): GovernedApiClient {
  return apiOver(createTransport(options));
}

/** Every operation of the contract over one transport (one governor, one clock). */
export function apiOver(transport: Transport): GovernedApiClient {
  const { send } = transport;
  const eventPath = (eventId: string) => `/events/${seg(eventId)}`;
  const ticketPath = (eventId: string, ticketId: string) => `${eventPath(eventId)}/tickets/${seg(ticketId)}`;

  return {
    governorHolds: transport.governorHolds,
    getTime: (opts) =>
      send(
        { method: "GET", path: "/time", decode: decoders.TimeResponse, serverTime: (b) => b.serverTime },
        opts,
      ),
    listEvents: (opts) => send(eventsExchange, opts),
    joinQueue: (eventId, idempotencyKey, opts) =>
      send(
        {
          method: "POST",
          path: `${eventPath(eventId)}/tickets`,
          idempotencyKey,
          decode: decoders.JoinResponse,
          serverTime: (b) => b.status.serverTime,
        },
        opts,
      ),
    getTicketStatus: (eventId, ticketId, ticketToken, opts) =>
      send(
        {
          method: "GET",
          path: ticketPath(eventId, ticketId),
          bearer: ticketToken,
          ...(opts?.waitSeconds ? { prefer: `wait=${Math.round(opts.waitSeconds)}` } : {}),
          decode: decoders.QueueStatus,
          serverTime: (b) => b.serverTime,
        },
        opts,
      ),
    getPushKey: (opts) => send({ method: "GET", path: "/push/key", decode: decoders.PushKeyResponse }, opts),
    subscribePush: (eventId, ticketId, ticketToken, body, opts) =>
      send<null>(
        {
          method: "PUT",
          path: `${ticketPath(eventId, ticketId)}/push`,
          bearer: ticketToken,
          body,
          decode: null,
        },
        opts,
      ),
    unsubscribePush: (eventId, ticketId, ticketToken, opts) =>
      send<null>(
        {
          method: "DELETE",
          path: `${ticketPath(eventId, ticketId)}/push`,
          bearer: ticketToken,
          decode: null,
        },
        opts,
      ),
    leaveQueue: (eventId, ticketId, ticketToken, opts) =>
      send<null>(
        { method: "DELETE", path: ticketPath(eventId, ticketId), bearer: ticketToken, decode: null },
        opts,
      ),
    verifyIdentity: (body, admissionToken, idempotencyKey, opts) =>
      send(
        {
          method: "POST",
          path: "/identity",
          bearer: admissionToken,
          idempotencyKey,
          body,
          decode: decoders.IdentityResponse,
        },
        opts,
      ),
    listRegions: (opts) => send({ method: "GET", path: "/regions", decode: decoders.RegionsResponse }, opts),
    listCenters: (region, opts) =>
      send(
        {
          method: "GET",
          path: region === null ? "/centers" : `/centers?region=${seg(region)}`,
          decode: decoders.CentersResponse,
        },
        opts,
      ),
    listSlots: (centerId, from, to, admissionToken, opts) =>
      send(
        {
          method: "GET",
          path: `/centers/${seg(centerId)}/slots?from=${seg(from)}&to=${seg(to)}`,
          bearer: admissionToken,
          decode: decoders.SlotsResponse,
        },
        opts,
      ),
    createReservation: (body, admissionToken, idempotencyKey, opts) =>
      send(
        {
          method: "POST",
          path: "/reservations",
          bearer: admissionToken,
          idempotencyKey,
          body,
          decode: decoders.ReservationResponse,
        },
        opts,
      ),
    getReservation: (id, accessToken, opts) =>
      send(
        {
          method: "GET",
          path: `/reservations/${seg(id)}`,
          bearer: accessToken,
          decode: decoders.ReservationResponse,
        },
        opts,
      ),
    cancelReservation: (id, accessToken, opts) =>
      send(
        { method: "DELETE", path: `/reservations/${seg(id)}`, bearer: accessToken, decode: decodeCancelled },
        opts,
      ),
  };
}
