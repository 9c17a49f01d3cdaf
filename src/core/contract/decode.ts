/**
 * Runtime validators for every response body of the contract (one per
 * component schema of contract/openapi.yaml, same names). The API client runs
 * every body through these, so bad data becomes a DecodeError, never a crash
 * further in. test/contract/decoders-match-openapi.test.ts holds them to the
 * schemas. The decoders the first screen needs live in ./decode-common.ts,
 * so the home screen does not carry the rest.
 */

import {
  Cohort,
  Event,
  EventsResponse,
  FieldError,
  LocalizedText,
  Notice,
  near,
  Problem,
} from "./decode-common.ts";
import type { Decoder, ObjDecoder } from "./decoder-kit.ts";
import {
  arr,
  bool,
  fail,
  int,
  nat,
  nonNegative,
  nullable,
  obj,
  oneOf,
  pathTo,
  refine,
  str,
  upTo,
} from "./decoder-kit.ts";
import { date, time, timestamp } from "./formats.ts";
import type * as T from "./types.ts";

export { decodeProblem } from "./decode-common.ts";
export type { Decoder, ObjDecoder } from "./decoder-kit.ts";
export { DecodeError } from "./decoder-kit.ts";

// Contract v1.1 "Bounds on numbers": a value outside its bound is a broken answer, never acted on.
const count = upTo(100_000_000);

const TicketRef = obj({ id: str, token: str });

const Admission: ObjDecoder<T.Admission> = obj({ token: str, expiresAt: timestamp });

const QueueStatus: ObjDecoder<T.QueueStatus> = refine(
  obj(
    {
      state: oneOf("prequeue", "waiting", "admitted", "expired", "left", "closed"),
      number: nullable(count),
      servingNumber: count,
      ahead: nullable(count),
      servingRatePerSecond: nonNegative,
      etaSeconds: nullable(upTo(604_800)),
      pollAfterSeconds: upTo(600),
      opensAt: timestamp,
      serverTime: timestamp,
    },
    { admission: Admission, notice: nullable(Notice) },
  ),
  (status, path) => {
    if (status.state === "admitted" && !status.admission)
      fail(pathTo(path, "admission"), "admission when admitted");
    near(path, status.serverTime, "opensAt", status.opensAt);
    near(path, status.serverTime, "admission.expiresAt", status.admission?.expiresAt);
  },
);

const JoinResponse: ObjDecoder<T.JoinResponse> = obj({ ticket: TicketRef, status: QueueStatus });

const Identity: ObjDecoder<T.Identity> = obj({
  token: str,
  maskedName: str,
  birthYear: int,
  eligible: bool,
  reason: nullable(oneOf("not_in_cohort", "already_reserved")),
});

const IdentityResponse: ObjDecoder<T.IdentityResponse> = obj({ identity: Identity });

const Region = obj({ code: str, name: LocalizedText });

const RegionsResponse: ObjDecoder<T.RegionsResponse> = obj({ regions: arr(Region) });

const Center = obj({ id: str, name: LocalizedText, region: str, address: LocalizedText });

const CentersResponse: ObjDecoder<T.CentersResponse> = obj({ centers: arr(Center) });

const Slot = obj({ date, time, remaining: nat });

const SlotsResponse: ObjDecoder<T.SlotsResponse> = obj({ slots: arr(Slot) });

const Dose = obj({ date, time });

const ReservationCenter = obj({ id: str, name: LocalizedText, address: LocalizedText });

const Reservation: ObjDecoder<T.Reservation> = obj({
  id: str,
  code: str,
  accessToken: str,
  center: ReservationCenter,
  firstDose: Dose,
  secondDose: Dose,
  vaccine: str,
  status: oneOf("confirmed", "cancelled"),
  createdAt: timestamp,
});

const ReservationResponse: ObjDecoder<T.ReservationResponse> = obj({ reservation: Reservation });

const TimeResponse: ObjDecoder<T.TimeResponse> = obj({ serverTime: timestamp });

// --- v1.1 Web Push ---

/** A VAPID key: 65 bytes (an uncompressed P-256 point) are 87 base64url characters, unpadded. */
const vapidKey: Decoder<string> = (value, path = "") =>
  typeof value === "string" && /^[A-Za-z0-9_-]{87}$/.test(value) ? value : fail(path, "VAPID public key");

const PushKeyResponse: ObjDecoder<T.PushKeyResponse> = obj({ publicKey: vapidKey });

/** What the service worker reads from a push; the admission itself always comes from a status read. */
const PushNearFront: ObjDecoder<T.PushNearFront> = obj({
  type: oneOf("near-front"),
  eventId: str,
  ticketId: str,
  ahead: count,
  etaSeconds: upTo(180),
});

const PushAdmitted: ObjDecoder<T.PushAdmitted> = obj({
  type: oneOf("admitted"),
  eventId: str,
  ticketId: str,
  expiresAt: timestamp,
});

/** Every response-side schema of the contract, by its OpenAPI component name. */
export const decoders = {
  LocalizedText,
  Notice,
  Cohort,
  Event,
  EventsResponse,
  TicketRef,
  Admission,
  QueueStatus,
  JoinResponse,
  Identity,
  IdentityResponse,
  Region,
  RegionsResponse,
  Center,
  CentersResponse,
  Slot,
  SlotsResponse,
  Dose,
  ReservationCenter,
  Reservation,
  ReservationResponse,
  TimeResponse,
  FieldError,
  Problem,
  PushKeyResponse,
  PushNearFront,
  PushAdmitted,
} as const;

/** The body of a DELETE /reservations/{id}: the reservation, now cancelled. */
export const decodeCancelled: ObjDecoder<T.ReservationResponse> = refine(
  ReservationResponse,
  (body, path) => {
    if (body.reservation.status !== "cancelled") fail(pathTo(path, "reservation.status"), '"cancelled"');
  },
);
