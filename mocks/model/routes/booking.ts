/** POST /identity and GET /centers/{id}/slots: both need an admission. */
import { isProblem, requireAdmission } from "../booking/admission.ts";
import { checkIdentity, maskName, personText } from "../booking/identity-input.ts";
import { listSlots } from "../booking/slots.ts";
import { findCenter } from "../catalog/centers.ts";
import { jsonObject, type RouteHandler } from "../context.ts";
import { json, problem, validationFailed } from "../responses.ts";
import { isRealDate } from "../time-format.ts";
import { sha256Hex } from "../tokens.ts";

function inCohort(birthYear: number, cohort: { birthYearFrom: number; birthYearTo: number }): boolean {
  return birthYear >= cohort.birthYearFrom && birthYear <= cohort.birthYearTo;
}

export { inCohort };

export const verifyIdentity: RouteHandler = async (ctx) => {
  const admission = await requireAdmission(ctx);
  if (isProblem(admission)) return admission;
  const checked = checkIdentity(jsonObject(ctx), ctx.now);
  if (!checked.ok) return validationFailed(checked.errors);
  const identity = checked.value;
  const person = await sha256Hex(personText(identity));
  const reason = ctx.state.activeByPerson[person]
    ? "already_reserved"
    : inCohort(identity.birthYear, admission.event.cohort)
      ? null
      : "not_in_cohort";
  const token = await ctx.signer.sign({
    k: "identity",
    tid: admission.ticketId,
    eid: admission.event.id,
    person,
    by: identity.birthYear,
    ok: reason === null ? 1 : 0,
    exp: admission.expiresAt,
  });
  return json(200, {
    identity: {
      token,
      maskedName: maskName(identity.name),
      birthYear: identity.birthYear,
      eligible: reason === null,
      reason,
    },
  });
};

export const listCenterSlots: RouteHandler = async (ctx, [centerId]) => {
  const admission = await requireAdmission(ctx);
  if (isProblem(admission)) return admission;
  if (!centerId || !findCenter(centerId)) return problem(404, "not_found", { detail: "No such center." });
  const errors: { field: string; code: string }[] = [];
  const from = ctx.query.get("from");
  const to = ctx.query.get("to");
  for (const [field, value] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (value === null || value === "") errors.push({ field, code: "required" });
    else if (!isRealDate(value)) errors.push({ field, code: "invalid" });
  }
  if (errors.length === 0 && from !== null && to !== null && from > to)
    errors.push({ field: "to", code: "out_of_range" });
  if (errors.length > 0 || from === null || to === null) return validationFailed(errors);
  return json(200, { slots: listSlots(ctx.state, admission.event, ctx.now, centerId, from, to) });
};
