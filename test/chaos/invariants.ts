/**
 * The promises Jari makes whatever happens, checked on what the chaos fetch
 * saw on the wire (true time) and on what the model and the store hold.
 */
import type { WireRequest } from "./faults.ts";

/** The contract: never two status reads for one ticket less than one second apart. */
export const MIN_STATUS_GAP_MS = 1_000;
/** After a broken answer (out of bound, unreadable) the next request waits at least this long. */
export const BROKEN_FLOOR_MS = 1_000;
/** On other routes, a retry at once after a broken answer is no backing off at all. */
export const BROKEN_FLOOR_OTHER_MS = 250;
/** Our own seat belt, measured on the wire: requests per route in any 60 s (a handful plus a tap burst). */
export const MAX_PER_MINUTE = 12;
/** Where the simulation starts (true time); messages give times from here. */
export const T0 = Date.parse("2021-07-19T11:00:00Z");

/** Requests sent sooner than an earlier in-bound answer allowed (pollAfterSeconds, Retry-After). */
/**
 * What the world did to the device, for the one case no client can get right: the device clock set
 * FORWARD (true times) and pages opened (true times). A page that opens after such a change never saw
 * it: its only clock for a floor saved before it is the device's, so there the floor is held on the
 * device clock. A page that was open when the clock moved is held to true time (its monotonic clock
 * saw the truth).
 */
export interface DeviceHistory {
  forwardClockChangesAt: readonly number[];
  /** The device clock set BACK (true times). */
  backwardClockChangesAt?: readonly number[];
  pageOpensAt: readonly number[];
  /** Pages closed (a reload, the phone off): their memory went with them. */
  pageClosesAt?: readonly number[];
  /** When the device's storage failed (true times; `to` null while it still fails). */
  storageDown: ReadonlyArray<{ from: number; to: number | null }>;
}

/**
 * The app writes a refused save again every 2 s (queue and booking): after storage comes back, a
 * floor told during the failure is on the device within this long.
 */
export const SAVE_RETRY_MS = 2_000;

/**
 * The other case no client can get right: a floor told while storage was failing, and the page that
 * was told closed (a reload, the phone off) before storage came back and the write landed. Its
 * memory is gone and the device never held the floor. Or the page asking opened while storage
 * failed, after the floor was saved: it could not read it.
 */
const unsaved = (history: DeviceHistory | undefined, floor: WireRequest, request: WireRequest): boolean => {
  if (!history) return false;
  const answered = floor.answeredAt as number;
  const down = (at: number) =>
    history.storageDown.some(({ from, to }) => from <= at && (to === null || at <= to));
  // A page opened blind (its store could not be read), the latest before the request and after the
  // floor: like a private window, it cannot see what the device saved.
  const lastOpen = history.pageOpensAt.filter((open) => open <= request.sentAt).at(-1);
  if (lastOpen !== undefined && lastOpen >= answered && down(lastOpen)) return true;
  return history.storageDown.some(
    ({ from, to }) =>
      from <= answered &&
      (to === null || answered <= to) &&
      [...history.pageOpensAt, ...(history.pageClosesAt ?? [])].some(
        (at) => at >= answered && at <= request.sentAt && (to === null || at <= to + SAVE_RETRY_MS),
      ),
  );
};

const unwitnessed = (
  history: DeviceHistory | undefined,
  floor: WireRequest,
  request: WireRequest,
): boolean => {
  if (!history || floor.allowedNextDeviceAt == null || request.sentDeviceAt === undefined) return false;
  const answered = floor.answeredAt as number;
  // After the clock was set back, a page may have saved the floor again in that earlier device time;
  // then only the forward change matters, not the device time of the answer.
  const resavedBack = (history.backwardClockChangesAt ?? []).some(
    (c) => c >= answered && c <= request.sentAt,
  );
  if (!resavedBack && request.sentDeviceAt < floor.allowedNextDeviceAt) return false;
  return history.forwardClockChangesAt.some(
    (change) =>
      change >= answered &&
      change <= request.sentAt &&
      history.pageOpensAt.some((open) => open >= change && open <= request.sentAt),
  );
};

/**
 * A floor the server itself has since answered past: a later request on the route (itself checked)
 * got a success before `request` went out, so the server was serving again and the app may forget it.
 */
const superseded = (sent: WireRequest[], floor: WireRequest, request: WireRequest): boolean =>
  sent.some(
    (r) =>
      r !== floor &&
      r !== request &&
      r.sentAt >= (floor.answeredAt as number) &&
      r.answeredAt !== null &&
      r.answeredAt < request.sentAt &&
      typeof r.outcome === "number" &&
      r.outcome >= 200 &&
      r.outcome < 300,
  );

export function tooEarly(wire: WireRequest[], history?: DeviceHistory): string[] {
  const problems: string[] = [];
  const routes = new Set(wire.map((r) => r.route));
  for (const route of routes) {
    const sent = wire.filter((r) => r.route === route);
    const floors = wire.filter((r) => r.floorRoute === route && r.answeredAt !== null);
    for (const request of sent) {
      for (const floor of floors) {
        if (floor === request || (floor.answeredAt as number) > request.sentAt) continue;
        // In the same ms: only an answer that came before the request was sent can hold it back.
        if ((floor.answeredSeq ?? 0) > (request.sentSeq ?? Number.POSITIVE_INFINITY)) continue;
        const answered = floor.answeredAt as number;
        if (
          floor.allowedNextAt !== null &&
          request.sentAt < floor.allowedNextAt &&
          !superseded(sent, floor, request) &&
          !unwitnessed(history, floor, request) &&
          !unsaved(history, floor, request)
        ) {
          problems.push(
            `${route} sent ${floor.allowedNextAt - request.sentAt} ms before an in-bound floor allowed (answer "${floor.fault || "ok"}" ${floor.outcome} at +${answered - T0} ms, request at +${request.sentAt - T0} ms)`,
          );
          break;
        }
        const brokenFloor = route.startsWith("GET status") ? BROKEN_FLOOR_MS : BROKEN_FLOOR_OTHER_MS;
        if (floor.broken && request.sentAt < answered + brokenFloor) {
          problems.push(
            `${route} sent ${request.sentAt - answered} ms after a broken answer ("${floor.fault}" ${floor.outcome})`,
          );
          break;
        }
      }
    }
    if (route.startsWith("GET status")) {
      for (let i = 1; i < sent.length; i++) {
        const gap = (sent[i] as WireRequest).sentAt - (sent[i - 1] as WireRequest).sentAt;
        if (gap < MIN_STATUS_GAP_MS) problems.push(`GET status twice within ${gap} ms`);
      }
    }
  }
  return problems;
}

/** Any route with more than MAX_PER_MINUTE requests in a 60 s window. */
export function tooMany(wire: WireRequest[]): string[] {
  const problems: string[] = [];
  const routes = new Set(wire.map((r) => r.route));
  for (const route of routes) {
    const times = wire.filter((r) => r.route === route).map((r) => r.sentAt);
    for (let i = MAX_PER_MINUTE; i < times.length; i++) {
      const span = (times[i] as number) - (times[i - MAX_PER_MINUTE] as number);
      if (span < 60_000) {
        problems.push(`${route}: ${MAX_PER_MINUTE + 1} requests within ${span} ms`);
        break;
      }
    }
  }
  return problems;
}
