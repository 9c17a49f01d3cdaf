/**
 * The line as closed-form functions of time, so every ticket keeps its place
 * whether or not anyone polls: nothing here depends on when requests arrive.
 *
 * Queue time runs `speed` times faster than the model clock after opening
 * (demos); the model clock itself (Date, serverTime) is never warped.
 * Numbers 1..P+R go to the pre-queue (P simulated people, R real tickets,
 * shuffled at opening); later numbers go to simulated arrivals and real
 * joiners in arrival order.
 */
import type { ModelEvent } from "../events.ts";
import type { QueueRecord } from "../state.ts";

/** Queue seconds elapsed since opening; frozen once the event closes. */
export function queueSeconds(event: ModelEvent, speed: number, now: number): number {
  return Math.max(0, (Math.min(now, event.closesAt) - event.opensAt) / 1000) * speed;
}

/** Simulated people who took a number after opening, up to queue second `qs`. */
export function crowdArrivals(event: ModelEvent, qs: number): number {
  const c = event.crowd;
  return (
    c.arrivalsPerSecond * qs +
    c.surgeArrivalsPerSecond * c.surgeDecaySeconds * (1 - Math.exp(-qs / c.surgeDecaySeconds))
  );
}

/** The size of the pre-queue shuffled at opening. */
export function prequeueSize(event: ModelEvent, queue: QueueRecord): number {
  return event.crowd.prequeueCrowd + queue.prequeueTicketIds.length;
}

/** The highest number handed out so far (0 before opening). */
export function lastIssued(event: ModelEvent, queue: QueueRecord, speed: number, now: number): number {
  if (now < event.opensAt) return 0;
  const qs = queueSeconds(event, speed, now);
  return prequeueSize(event, queue) + Math.floor(crowdArrivals(event, qs)) + queue.joinedAfterOpen;
}

/** Numbers up to this one are admitted. Never ahead of the last number handed out. */
export function servingNumber(event: ModelEvent, queue: QueueRecord, speed: number, now: number): number {
  if (now < event.opensAt) return 0;
  const admitted = Math.floor(event.crowd.admitPerSecond * queueSeconds(event, speed, now));
  return Math.min(admitted, lastIssued(event, queue, speed, now));
}

/** Admissions per real second while the event is open. */
export function servingRate(event: ModelEvent, speed: number, now: number): number {
  if (now < event.opensAt || now >= event.closesAt) return 0;
  return Math.round(event.crowd.admitPerSecond * speed * 10) / 10;
}

/** The model-clock instant at which `number` is admitted (may be after closing: then it never is). */
export function admittedAt(event: ModelEvent, speed: number, number: number, joinedAt: number): number {
  const at = event.opensAt + Math.ceil((number / (event.crowd.admitPerSecond * speed)) * 1000);
  return Math.max(at, joinedAt);
}
