/** The booking events of a scenario, placed in time relative to the backend's start. */
import type { BookingEvent, Cohort, EventStatus, LocalizedText } from "../../src/core/contract/types.ts";
import { operatorNotice } from "./notice.ts";
import type { CrowdPlan, EventPlan, ScenarioName } from "./scenarios.ts";
import { toSeoulTimestamp } from "./time-format.ts";

/** The 2021 age groups: ages counted as 2021 minus birth year. */
const COHORTS: Record<string, { name: LocalizedText; cohort: Cohort }> = {
  "c55-59": {
    name: { ko: "55~59세 사전예약", en: "Pre-booking, ages 55-59" },
    cohort: { birthYearFrom: 1962, birthYearTo: 1966 },
  },
  "c53-54": {
    name: { ko: "53~54세 사전예약", en: "Pre-booking, ages 53-54" },
    cohort: { birthYearFrom: 1967, birthYearTo: 1968 },
  },
  "c50-52": {
    name: { ko: "50~52세 사전예약", en: "Pre-booking, ages 50-52" },
    cohort: { birthYearFrom: 1969, birthYearTo: 1971 },
  },
};

/** An event with absolute model-clock times (epoch ms). */
export interface ModelEvent {
  id: string;
  name: LocalizedText;
  cohort: Cohort;
  prequeueOpensAt: number | null;
  opensAt: number;
  closesAt: number;
  crowd: CrowdPlan;
}

/**
 * Places the plan's events. `speed` shrinks only the near-future waits (under
 * ten minutes, e.g. "opens in 60 s") so demos move; the clock itself is never warped.
 */
export function placeEvents(plans: EventPlan[], startedAt: number, speed: number): ModelEvent[] {
  const at = (seconds: number): number =>
    startedAt + (seconds > 0 && seconds < 600 ? seconds / speed : seconds) * 1000;
  return plans.map((plan) => {
    const meta = COHORTS[plan.id];
    if (!meta) throw new Error(`unknown event ${plan.id}`);
    return {
      id: plan.id,
      name: meta.name,
      cohort: meta.cohort,
      prequeueOpensAt: plan.prequeueAt === null ? null : at(plan.prequeueAt),
      opensAt: at(plan.opensAt),
      closesAt: at(plan.closesAt),
      crowd: plan.crowd,
    };
  });
}

export function eventStatus(event: ModelEvent, now: number): EventStatus {
  if (now >= event.closesAt) return "closed";
  if (now >= event.opensAt) return "open";
  if (event.prequeueOpensAt !== null && now >= event.prequeueOpensAt) return "prequeue";
  return "upcoming";
}

export function toWireEvent(event: ModelEvent, now: number, scenario: ScenarioName): BookingEvent {
  return {
    id: event.id,
    name: event.name,
    opensAt: toSeoulTimestamp(event.opensAt),
    closesAt: toSeoulTimestamp(event.closesAt),
    prequeueOpensAt: event.prequeueOpensAt === null ? null : toSeoulTimestamp(event.prequeueOpensAt),
    cohort: event.cohort,
    status: eventStatus(event, now),
    notice: operatorNotice(scenario),
  };
}
