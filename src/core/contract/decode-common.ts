/**
 * The decoders the home screen needs (the event list, problem bodies), apart
 * from ./decode.ts so the first screen does not carry every schema.
 */

import type { ObjDecoder } from "./decoder-kit.ts";
import { arr, fail, int, nullable, obj, oneOf, pathTo, refine, short, str } from "./decoder-kit.ts";
import { parseTimestamp, timestamp } from "./formats.ts";
import type * as T from "./types.ts";

export const LocalizedText: ObjDecoder<T.LocalizedText> = obj({ ko: str, en: str });

/** Fails unless `stamp` (already a valid timestamp, or absent) lies within ten years (3652.5 days) of serverTime. */
export function near(path: string, serverTime: string, key: string, stamp?: string | null): void {
  if (
    stamp &&
    Math.abs((parseTimestamp(stamp) as number) - (parseTimestamp(serverTime) as number)) > 315576e6
  )
    fail(pathTo(path, key), "within 10 years of serverTime");
}

/** A short operator message (v1.1), shown as text only. */
export const Notice: ObjDecoder<T.Notice> = obj({ ko: short, en: short });

export const Cohort = obj({ birthYearFrom: int, birthYearTo: int });

export const Event: ObjDecoder<T.BookingEvent> = obj(
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

export const EventsResponse: ObjDecoder<T.EventsResponse> = refine(
  obj({ events: arr(Event), serverTime: timestamp }),
  (body, path) => {
    body.events.forEach((e, i) => {
      for (const key of ["opensAt", "closesAt", "prequeueOpensAt"] as const)
        near(pathTo(path, `events[${i}]`), body.serverTime, key, e[key]);
    });
  },
);

export const FieldError: ObjDecoder<T.FieldError> = obj({ field: str, code: str });

// `code` stays an open string: a newer server may add codes, and callers fall back on the status.
export const Problem: ObjDecoder<T.Problem> = obj(
  { type: str, title: str, status: int, code: str },
  { detail: str, errors: arr(FieldError), reservationId: str },
);

export const decodeProblem = (body: unknown): T.Problem => Problem(body);
