/** POST /reservations (needs an admission) and GET/DELETE /reservations/{id} (the reservation's own token). */
import { isProblem, requireAdmission } from "../booking/admission.ts";
import { reservationCode } from "../booking/reservation-code.ts";
import { toWireReservation } from "../booking/reservation-wire.ts";
import { isOfferedSlot, remaining, slotKey } from "../booking/slots.ts";
import { findCenter } from "../catalog/centers.ts";
import { bearer, jsonObject, type RequestContext, type RouteHandler } from "../context.ts";
import { randomId } from "../random.ts";
import { json, type ModelResponse, problem, validationFailed } from "../responses.ts";
import type { ReservationRecord } from "../state.ts";
import { addDays, isRealDate } from "../time-format.ts";
import { inCohort } from "./booking.ts";

/** mRNA second dose: six weeks after the first, same time of day. */
const SECOND_DOSE_DAYS = 42;

function checkBody(body: Record<string, unknown> | null) {
  if (body === null) return { errors: [{ field: "body", code: "invalid" }] };
  const errors: { field: string; code: string }[] = [];
  const fields = ["identityToken", "centerId", "date", "time"] as const;
  const values: Record<string, string> = {};
  for (const field of fields) {
    const value = body[field];
    if (typeof value !== "string" || value === "")
      errors.push({ field, code: value === undefined ? "required" : "invalid" });
    else values[field] = value;
  }
  if (values.date !== undefined && !isRealDate(values.date)) errors.push({ field: "date", code: "invalid" });
  if (values.time !== undefined && !/^\d{2}:\d{2}$/.test(values.time))
    errors.push({ field: "time", code: "invalid" });
  return { errors, values };
}

export const createReservation: RouteHandler = async (ctx) => {
  const admission = await requireAdmission(ctx);
  if (isProblem(admission)) return admission;
  const { errors, values } = checkBody(jsonObject(ctx));
  if (errors.length > 0 || !values) return validationFailed(errors);
  const { identityToken = "", centerId = "", date = "", time = "" } = values;
  const identity = await ctx.signer.verify(identityToken);
  if (identity?.k !== "identity")
    return problem(401, "invalid_token", { detail: "The identity token is not valid." });
  if (identity.tid !== admission.ticketId)
    return validationFailed([{ field: "identityToken", code: "invalid" }]);
  const center = findCenter(centerId);
  if (!center) return validationFailed([{ field: "centerId", code: "invalid" }]);
  if (!isOfferedSlot(admission.event, ctx.now, date, time))
    return validationFailed([{ field: "time", code: "no_such_slot" }]);

  const existing = ctx.state.activeByPerson[identity.person];
  if (existing) {
    return problem(409, "already_reserved", {
      detail: "This person already has a reservation.",
      reservationId: existing,
    });
  }
  if (!inCohort(identity.by, admission.event.cohort)) {
    return problem(403, "not_eligible", { detail: "This birth year is not in this event's age group." });
  }
  if (remaining(ctx.state, admission.event, ctx.now, centerId, date, time) <= 0) {
    return problem(409, "slot_full", { detail: "This time is fully booked. Choose another." });
  }
  let id = randomId(ctx.random, "r");
  while (ctx.state.reservations[id]) id = randomId(ctx.random, "r");
  const record: ReservationRecord = {
    id,
    code: reservationCode(ctx.random, (code) => code in ctx.state.reservationCodes),
    personKey: identity.person,
    eventId: admission.event.id,
    centerId,
    firstDose: { date, time },
    secondDose: { date: addDays(date, SECOND_DOSE_DAYS), time },
    status: "confirmed",
    createdAt: ctx.now,
  };
  ctx.state.reservations[id] = record;
  ctx.state.reservationCodes[record.code] = id;
  ctx.state.activeByPerson[identity.person] = id;
  const key = slotKey(centerId, date, time);
  ctx.state.slotBookings[key] = (ctx.state.slotBookings[key] ?? 0) + 1;
  return json(201, { reservation: await toWireReservation(record, ctx.signer) });
};

async function ownReservation(
  ctx: RequestContext,
  id: string | undefined,
): Promise<ReservationRecord | ModelResponse> {
  const token = bearer(ctx);
  const payload = token === null ? null : await ctx.signer.verify(token);
  if (payload?.k !== "reservation" || payload.rid !== id) {
    return problem(401, "invalid_token", {
      detail: "The reservation token is not valid for this reservation.",
    });
  }
  return ctx.state.reservations[id] ?? problem(404, "not_found", { detail: "No such reservation." });
}

export const getReservation: RouteHandler = async (ctx, [id]) => {
  const record = await ownReservation(ctx, id);
  if (isProblem(record)) return record;
  return json(200, { reservation: await toWireReservation(record, ctx.signer) });
};

/** Cancelling frees the slot and lets the person book again; cancelling twice changes nothing. */
export const cancelReservation: RouteHandler = async (ctx, [id]) => {
  const record = await ownReservation(ctx, id);
  if (isProblem(record)) return record;
  if (record.status === "confirmed") {
    record.status = "cancelled";
    const key = slotKey(record.centerId, record.firstDose.date, record.firstDose.time);
    ctx.state.slotBookings[key] = Math.max(0, (ctx.state.slotBookings[key] ?? 1) - 1);
    if (ctx.state.activeByPerson[record.personKey] === record.id)
      delete ctx.state.activeByPerson[record.personKey];
  }
  return json(200, { reservation: await toWireReservation(record, ctx.signer) });
};
