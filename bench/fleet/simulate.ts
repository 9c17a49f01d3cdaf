/**
 * The fleet simulation: N copies of the REAL queue core (createQueueClient +
 * memory store + the real api client) against the mock backend model called
 * directly (createModelFetch), on one simulated clock. Discrete-event: time
 * jumps to the next timer; nothing waits on the wall clock.
 */
import type { ScenarioName } from "../../mocks/model/index.ts";
import { createApiClient } from "../../src/core/api/client.ts";
import type { FetchLike, ResponseLike } from "../../src/core/api/fetch-like.ts";
import { createServerClock } from "../../src/core/clock/server-clock.ts";
import { later } from "../../src/core/clock/timer.ts";
import type { Clock } from "../../src/core/clock/types.ts";
import { createQueueClient } from "../../src/core/queue/client.ts";
import type { QueueClient } from "../../src/core/queue/types.ts";
import { createMemoryStore } from "../../src/core/store/memory-store.ts";
import type { Store } from "../../src/core/store/types.ts";
import { createFakeClock } from "../../test/support/fake-clock.ts";
import { createModelOnFakeClock } from "../../test/support/model-on-fake-clock.ts";
import { seededIds, seededRandom } from "../../test/support/seeded.ts";

export const T0 = Date.parse("2021-07-19T11:00:00Z");
const ADMISSION_WINDOW_MS = 10 * 60_000;

export interface FleetOptions {
  scenario: ScenarioName;
  eventId: string;
  clients: number;
  seed: number;
  /** Clients join at uniformly random times in [joinFromMs, joinToMs] after T0. */
  joinFromMs: number;
  joinToMs: number;
  /** Stop after this much simulated time (or when every client has noticed its admission). */
  maxMs: number;
  /** Share of clients with the app in the background (they poll less often). */
  backgroundShare: number;
  /** Device clocks are off by up to ± this much (server time is what counts). */
  maxSkewMs: number;
  /** Model speed-up (admissions/arrivals), 1 = real time. */
  speed?: number;
  /** A window of model time with every request failing (outage), relative to T0; the scenario may have its own. */
  measureRetriesAfterMs?: number;
  /** Notice latency counts only admissions granted at or after this (ms after T0). */
  noticeAdmittedFromMs?: number;
}

interface RequestLog {
  client: number;
  at: number;
  route: string;
  status: number | "failed";
}

interface ClientTrack {
  joinedAt: number;
  noticedAt: number | null;
  grantedAt: number | null;
  ticketIds: Set<string>;
  numbers: Set<number>;
  alerts: number;
}

export interface FleetResult {
  scenario: string;
  clients: number;
  simulatedMinutes: number;
  totalRequests: number;
  requestsByRoute: Record<string, number>;
  /** Status and join requests per client per minute spent waiting (join → admission noticed, or end). */
  requestsPerClientMinute: number;
  peakRequestsPerSecond: number;
  /** A naive client asks every second from joining until admitted. */
  naiveTotalRequests: number;
  naivePeakRequestsPerSecond: number;
  totalVsNaive: number;
  peakVsNaive: number;
  /** Largest share of post-failure retries that landed in any one 1-second bucket (lower is better). */
  retryMaxBucketShare: number | null;
  retriesMeasured: number;
  duplicateTickets: number;
  lostPlaces: number;
  admissions: number;
  admissionsNoticed: number;
  noticedRatio: number;
  duplicateAlerts: number;
  medianDetectionSeconds: number | null;
  p95DetectionSeconds: number | null;
  p99DetectionSeconds: number | null;
  /** Requests (join + status + …) per client over the whole run. */
  requestsPerClient: number;
  wallSeconds: number;
}

const routeOf = (method: string, url: string): string => {
  if (/\/tickets\/[^/]+$/.test(url)) return method === "GET" ? "status" : "leave";
  if (/\/tickets$/.test(url)) return "join";
  return url.replace(/^.*\/api\/v1\//, "");
};

const quantile = (values: number[], q: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? null;
};

function perSecond(times: number[]): Map<number, number> {
  const buckets = new Map<number, number>();
  for (const t of times) buckets.set(Math.floor(t / 1000), (buckets.get(Math.floor(t / 1000)) ?? 0) + 1);
  return buckets;
}

export async function simulateFleet(options: FleetOptions): Promise<FleetResult> {
  const wallStart = performance.now();
  const clock = createFakeClock(T0);
  const { backend, modelFetch } = createModelOnFakeClock(clock, {
    scenario: options.scenario,
    seed: options.seed,
    speed: options.speed ?? 1,
    flushTurns: 2,
  });
  const log: RequestLog[] = [];
  const tracks: ClientTrack[] = [];
  const clients: QueueClient[] = [];
  const stores: Store[] = [];
  let noticed = 0;
  const fleetRandom = seededRandom(options.seed * 7919);

  for (let i = 0; i < options.clients; i++) {
    const skew = Math.round((fleetRandom() * 2 - 1) * options.maxSkewMs);
    const device: Clock = {
      now: () => clock.trueNow() + skew,
      monotonic: clock.monotonic,
      setTimeout: clock.setTimeout,
      clearTimeout: clock.clearTimeout,
    };
    const fetch: FetchLike = async (url, init) => {
      const entry: RequestLog = {
        client: i,
        at: clock.trueNow(),
        route: routeOf(init.method, url),
        status: "failed",
      };
      log.push(entry);
      const response = await modelFetch(url, init as RequestInit);
      entry.status = response.status;
      return response as unknown as ResponseLike;
    };
    const serverClock = createServerClock(device);
    const api = createApiClient({ fetch, clock: device, onClockSample: serverClock.observe });
    const random = seededRandom(options.seed * 100_003 + i);
    const track: ClientTrack = {
      joinedAt: 0,
      noticedAt: null,
      grantedAt: null,
      ticketIds: new Set(),
      numbers: new Set(),
      alerts: 0,
    };
    const store = createMemoryStore();
    stores.push(store);
    const client = createQueueClient({
      api,
      store,
      clock: device,
      serverClock,
      random,
      newId: seededIds(random),
      onAdmitted: () => {
        track.alerts++;
      },
    });
    client.subscribe((view) => {
      if (view.ticketId) track.ticketIds.add(view.ticketId);
      if (view.number !== null) track.numbers.add(view.number);
      if (view.phase === "admitted" && track.noticedAt === null && view.admission) {
        track.noticedAt = clock.trueNow();
        noticed++;
        track.grantedAt = Date.parse(view.admission.expiresAt) - ADMISSION_WINDOW_MS;
      }
    });
    if (fleetRandom() < options.backgroundShare) client.setVisible(false);
    const joinAt = options.joinFromMs + fleetRandom() * (options.joinToMs - options.joinFromMs);
    later(clock, joinAt, () => {
      track.joinedAt = clock.trueNow();
      void client.join(options.eventId);
    });
    tracks.push(track);
    clients.push(client);
  }

  const end = T0 + options.maxMs;
  while (clock.trueNow() < end && noticed < options.clients) {
    const next = clock.nextTimerAt();
    if (next === null || next > end) break;
    await clock.step();
  }
  const endedAt = clock.trueNow();
  const requestsDuringRun = log.length;
  for (const client of clients) client.stop();

  // Which tickets did the server admit? Ask it once per ticket after the run (not counted
  // above). An admission granted in the last minute may fairly be still unseen.
  backend.faults.clear();
  let admissions = 0;
  let admissionsNoticed = 0;
  for (let i = 0; i < tracks.length; i++) {
    const track = tracks[i] as ClientTrack;
    if (track.noticedAt !== null) {
      admissions++;
      admissionsNoticed++;
      continue;
    }
    const record = await stores[i]?.getTicket(options.eventId);
    if (!record?.ticketId || !record.ticketToken) continue;
    const outcome = await backend.handle({
      method: "GET",
      url: `/api/v1/events/${options.eventId}/tickets/${record.ticketId}`,
      headers: { authorization: `Bearer ${record.ticketToken}` },
      body: null,
    });
    if (outcome.kind !== "respond" || outcome.status !== 200) continue;
    const status = JSON.parse(outcome.body ?? "{}") as { admission?: { expiresAt: string } };
    const grantedAt = status.admission ? Date.parse(status.admission.expiresAt) - ADMISSION_WINDOW_MS : null;
    if (grantedAt !== null && grantedAt <= endedAt - 60_000) admissions++;
  }
  const runLog = log.slice(0, requestsDuringRun);
  const ticketCount = backend.inspect().ticketsByEvent[options.eventId] ?? 0;
  const joined = tracks.filter((t) => t.ticketIds.size > 0).length;

  const times = runLog.map((r) => r.at);
  const peak = Math.max(0, ...perSecond(times).values());
  // The naive baseline: every joined client asks once a second until admitted (or the end).
  const naive = new Map<number, number>();
  let naiveTotal = 0;
  let waitingMinutes = 0;
  for (const track of tracks) {
    if (track.joinedAt === 0) continue;
    const until = track.grantedAt ?? endedAt;
    waitingMinutes += ((track.noticedAt ?? endedAt) - track.joinedAt) / 60_000;
    for (let s = Math.floor(track.joinedAt / 1000); s <= Math.floor(until / 1000); s++) {
      naive.set(s, (naive.get(s) ?? 0) + 1);
      naiveTotal++;
    }
  }
  const naivePeak = Math.max(0, ...naive.values());

  // Retry spread: the first request each client made after a failed one, from measureRetriesAfterMs on.
  let retryShare: number | null = null;
  let retriesMeasured = 0;
  if (options.measureRetriesAfterMs !== undefined) {
    const from = T0 + options.measureRetriesAfterMs;
    const lastFailed = new Map<number, boolean>();
    const retries: number[] = [];
    const counted = new Set<number>();
    for (const r of runLog) {
      if (r.at >= from && lastFailed.get(r.client) && !counted.has(r.client)) {
        retries.push(r.at);
        counted.add(r.client);
      }
      lastFailed.set(r.client, r.status === "failed" || (typeof r.status === "number" && r.status >= 500));
    }
    retriesMeasured = retries.length;
    if (process.env.FLEET_DEBUG)
      console.log([...perSecond(retries).entries()].map(([k, v]) => `${k * 1000 - T0}:${v}`).join(" "));
    if (retries.length > 0) retryShare = Math.max(...perSecond(retries).values()) / retries.length;
  }

  const noticeFrom = T0 + (options.noticeAdmittedFromMs ?? Number.NEGATIVE_INFINITY);
  const detections = tracks
    .filter((t) => t.noticedAt !== null && t.grantedAt !== null && t.grantedAt >= noticeFrom)
    .map((t) => ((t.noticedAt as number) - Math.max(t.grantedAt as number, t.joinedAt)) / 1000);
  const byRoute: Record<string, number> = {};
  for (const r of runLog) byRoute[r.route] = (byRoute[r.route] ?? 0) + 1;

  return {
    scenario: options.scenario,
    clients: options.clients,
    simulatedMinutes: Math.round(((endedAt - T0) / 60_000) * 10) / 10,
    totalRequests: runLog.length,
    requestsByRoute: byRoute,
    requestsPerClientMinute: waitingMinutes > 0 ? runLog.length / waitingMinutes : 0,
    peakRequestsPerSecond: peak,
    naiveTotalRequests: naiveTotal,
    naivePeakRequestsPerSecond: naivePeak,
    totalVsNaive: naiveTotal > 0 ? runLog.length / naiveTotal : 0,
    peakVsNaive: naivePeak > 0 ? peak / naivePeak : 0,
    retryMaxBucketShare: retryShare,
    retriesMeasured,
    duplicateTickets: Math.max(0, ticketCount - joined),
    lostPlaces: tracks.filter((t) => t.ticketIds.size > 1 || t.numbers.size > 1).length,
    admissions,
    admissionsNoticed,
    noticedRatio: admissions > 0 ? admissionsNoticed / admissions : 1,
    duplicateAlerts: tracks.filter((t) => t.alerts > 1).length,
    medianDetectionSeconds: quantile(detections, 0.5),
    p95DetectionSeconds: quantile(detections, 0.95),
    p99DetectionSeconds: quantile(detections, 0.99),
    requestsPerClient: options.clients > 0 ? runLog.length / options.clients : 0,
    wallSeconds: Math.round((performance.now() - wallStart) / 100) / 10,
  };
}
