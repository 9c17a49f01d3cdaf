/**
 * First-dose slots: every 30 minutes 09:00-17:30, on the 28 days after the
 * event opened (or after today, if later). The simulated crowd's bookings are
 * a pure function of the seed, the slot and the time since opening, so they
 * grow steadily and identically however often anyone looks; real
 * reservations are counted on top.
 */
import type { Slot } from "../../../src/core/contract/types.ts";
import type { ModelEvent } from "../events.ts";
import { hash01 } from "../random.ts";
import { SCENARIOS } from "../scenarios.ts";
import type { ModelState } from "../state.ts";
import { addDays, daysBetween, seoulDate } from "../time-format.ts";

export const SLOT_CAPACITY = 20;
export const BOOKING_DAYS = 28;
export const SLOT_TIMES: readonly string[] = Array.from({ length: 18 }, (_, i) => {
  const minutes = 9 * 60 + i * 30;
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${minutes % 60 === 0 ? "00" : "30"}`;
});

export function bookingDates(event: ModelEvent, now: number): { first: string; last: string } {
  const openDay = seoulDate(event.opensAt);
  const today = seoulDate(now);
  const first = addDays(openDay.localeCompare(today) > 0 ? openDay : today, 1);
  return { first, last: addDays(first, BOOKING_DAYS - 1) };
}

export function slotKey(centerId: string, date: string, time: string): string {
  return `${centerId}|${date}|${time}`;
}

export function isOfferedSlot(event: ModelEvent, now: number, date: string, time: string): boolean {
  const { first, last } = bookingDates(event, now);
  return date >= first && date <= last && SLOT_TIMES.includes(time);
}

/** Places taken by the simulated crowd. Early dates and popular slots fill first; ~8% are full from the start. */
function crowdBooked(
  state: ModelState,
  event: ModelEvent,
  now: number,
  centerId: string,
  date: string,
  time: string,
): number {
  const popularity = hash01(state.seed, centerId, date, time);
  const { first } = bookingDates(event, now);
  const nearness = 1.5 - Math.min(1, Math.max(0, daysBetween(first, date) / (BOOKING_DAYS - 1)));
  const hours = (Math.max(0, now - event.opensAt) / 3600_000) * state.speed;
  const perHour = SCENARIOS[state.scenario].slotFillPerHour;
  const start = popularity < 0.08 ? 1 : 0.25 * popularity * nearness;
  const fill = Math.min(1, start + perHour * hours * nearness * (0.5 + popularity));
  return Math.floor(SLOT_CAPACITY * fill);
}

export function remaining(
  state: ModelState,
  event: ModelEvent,
  now: number,
  centerId: string,
  date: string,
  time: string,
): number {
  const real = state.slotBookings[slotKey(centerId, date, time)] ?? 0;
  return Math.max(0, SLOT_CAPACITY - crowdBooked(state, event, now, centerId, date, time) - real);
}

export function listSlots(
  state: ModelState,
  event: ModelEvent,
  now: number,
  centerId: string,
  from: string,
  to: string,
): Slot[] {
  const { first, last } = bookingDates(event, now);
  const slots: Slot[] = [];
  for (let date = from < first ? first : from; date <= to && date <= last; date = addDays(date, 1)) {
    for (const time of SLOT_TIMES) {
      slots.push({ date, time, remaining: remaining(state, event, now, centerId, date, time) });
    }
  }
  return slots;
}
