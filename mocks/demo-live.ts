/**
 * The mock server's live state for the demo panel's chart (issue 11): the
 * line of one event (people in line, serving number, admissions a second)
 * and the requests a second the server sees against its capacity. Pure: read
 * from a state snapshot and a time; it changes nothing (no pre-queue shuffle).
 */
import { eventStatus, type ModelEvent, placeEvents } from "./model/events.ts";
import { lastIssued, prequeueSize, servingNumber, servingRate } from "./model/queue/engine.ts";
import { SCENARIOS, type ScenarioName } from "./model/scenarios.ts";
import { type ModelState, parseSnapshot } from "./model/state.ts";

export interface LiveLine {
  /** Model-clock epoch ms of the sample. */
  at: number;
  scenario: ScenarioName;
  speed: number;
  eventId: string;
  status: "upcoming" | "prequeue" | "open" | "closed";
  /** People holding a number and not yet admitted (in the pre-queue: everyone in it). */
  inLine: number;
  /** Numbers up to this one are admitted. */
  serving: number;
  /** Admissions a second right now. */
  admitPerSecond: number;
  /** Requests the server saw in the last whole second (every tab of this demo). */
  requestsPerSecond: number;
  /** Above this many requests a second it answers 503; null: no limit. */
  capacityPerSecond: number | null;
  /** Every request gets 503 right now (an outage or an injected storm). */
  outage: boolean;
}

const EMPTY_QUEUE = { sealed: false, prequeueTicketIds: [], joinedAfterOpen: 0 };

/** The event to show: the one asked for, else the first open one, else the first. */
function pick(events: ModelEvent[], now: number, eventId: string | null): ModelEvent {
  const first = events[0];
  if (!first) throw new Error("a scenario without events");
  return events.find((e) => e.id === eventId) ?? events.find((e) => eventStatus(e, now) === "open") ?? first;
}

/** Requests in the last whole second, from the model's per-second counter. */
function lastSecond(load: ModelState["load"], now: number): number {
  const second = Math.floor(now / 1000);
  if (load.second === second) return load.previous;
  if (load.second === second - 1) return load.count;
  return 0;
}

export function liveLine(state: ModelState, now: number, eventId: string | null = null): LiveLine {
  const events = placeEvents(SCENARIOS[state.scenario].events, state.startedAt, state.speed);
  const event = pick(events, now, eventId);
  const queue = state.queues[event.id] ?? EMPTY_QUEUE;
  const status = eventStatus(event, now);
  const serving = servingNumber(event, queue, state.speed, now);
  const inLine =
    status === "prequeue"
      ? prequeueSize(event, queue)
      : status === "upcoming"
        ? 0
        : Math.max(0, lastIssued(event, queue, state.speed, now) - serving);
  const outage = state.faults.outage;
  return {
    at: now,
    scenario: state.scenario,
    speed: state.speed,
    eventId: event.id,
    status,
    inLine,
    serving,
    admitPerSecond: servingRate(event, state.speed, now),
    requestsPerSecond: lastSecond(state.load, now),
    capacityPerSecond: state.faults.capacityPerSecond,
    outage: outage !== null && now >= outage.fromMs && now < outage.toMs,
  };
}

/** liveLine from a backend snapshot string; null when it cannot be read. */
export function liveLineFromSnapshot(
  snapshot: string,
  now: number,
  eventId: string | null = null,
): LiveLine | null {
  try {
    return liveLine(parseSnapshot(snapshot), now, eventId);
  } catch {
    return null;
  }
}

/** The event a request path is about ("/api/v1/events/c55-59/tickets/…" → "c55-59"), else null. */
export function eventOfPath(path: string): string | null {
  return /\/events\/([^/]+)/.exec(path)?.[1] ?? null;
}
