/**
 * Runtime validators for every response body of the contract (one per
 * component schema of contract/openapi.yaml, same names). The API client runs
 * every body through these, so bad data becomes a DecodeError, never a crash
 * further in. test/contract/decoders-match-openapi.test.ts holds them to the
 * schemas.
 */

import type { ObjDecoder } from "./decoder-kit.ts";
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
  short,
  str,
  upTo,
} from "./decoder-kit.ts";
import { date, parseTimestamp, time, timestamp } from "./formats.ts";
import type * as T from "./types.ts";

export type { Decoder, ObjDecoder } from "./decoder-kit.ts";
export { DecodeError } from "./decoder-kit.ts";

const LocalizedText: ObjDecoder<T.LocalizedText> = obj({ ko: str, en: str });

// Contract v1.1 "Bounds on numbers": a value outside its bound is a broken answer, never acted on.
const count = upTo(100_000_000);

/** Fails unless `stamp` (already a valid timestamp, or absent) lies within ten years (3652.5 days) of serverTime. */
function near(path: string, serverTime: string, key: string, stamp?: string | null): void {
  if (
    stamp &&
    Math.abs((parseTimestamp(stamp) as number) - (parseTimestamp(serverTime) as number)) > 315576e6
  )
    fail(pathTo(path, key), "within 10 years of serverTime");
}

/** A short operator message (v1.1), shown as text only. */
const Notice: ObjDecoder<T.Notice> = obj({ ko: short, en: short });

const Cohort = obj({ birthYearFrom: int, birthYearTo: int });

const Event: ObjDecoder<T.BookingEvent> = obj(
  {
    id: str,
    name: LocalizedText,
    opensAt: timestamp,
    closesAt: timestamp,
    prequeueOpensAt: nullable(timestamp),
    cohort: Cohort,
    status: oneOf("upcoming", "prequeue", "open", "closed"),
  },
  { notice: nullable(Notice) },
);

const EventsResponse: ObjDecoder<T.EventsResponse> = refine(
  obj({ events: arr(Event), serverTime: timestamp }),
  (body, path) => {
    body.events.forEach((e, i) => {
      for (const key of ["opensAt", "closesAt", "prequeueOpensAt"] as const)
        near(pathTo(path, `events[${i}]`), body.serverTime, key, e[key]);
    });
  },
);

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

const FieldError: ObjDecoder<T.FieldError> = obj({ field: str, code: str });

// `code` stays an open string: a newer server may add codes, and callers fall back on the status.
const Problem: ObjDecoder<T.Problem> = obj(
  { type: str, title: str, status: int, code: str },
  { detail: str, errors: arr(FieldError), reservationId: str },
);

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
} as const;

/** The body of a DELETE /reservations/{id}: the reservation, now cancelled. */
export const decodeCancelled: ObjDecoder<T.ReservationResponse> = refine(
  ReservationResponse,
  (body, path) => {
    if (body.reservation.status !== "cancelled") fail(pathTo(path, "reservation.status"), '"cancelled"');
  },
);

export const decodeProblem = (body: unknown): T.Problem => Problem(body);
