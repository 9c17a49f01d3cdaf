/**
 * Workloads for the population engine (./population.ts): who arrives when,
 * how the server admits, what the phones do. Every field can be overridden
 * from the command line (`--set key=value`, dotted keys for nested ones).
 */

export interface PhonesConfig {
  /** Share of people whose page goes hidden soon after joining (throttled or frozen). */
  hiddenShare: number;
  /** Of the hidden pages, the share that is frozen (no timers at all until shown again). */
  frozenShareOfHidden: number;
  /** A hidden page goes hidden within this long after joining (uniform); 0 = hidden from the start. */
  hideWithinMs: number;
  /** A hidden page is shown again after an exponential time with this mean (Infinity = never). */
  shownAfterMeanMs: number;
  /** Chrome's intensive throttling: after 5 minutes hidden, at most one timer wake-up a minute. */
  throttle: boolean;
  /** Share of people who close the app while waiting and come back later. */
  closeShare: number;
  /** They close it within this long after joining (uniform, from one minute on). */
  closeWithinMs: number;
  /** And come back after an exponential time with this mean. */
  returnAfterMeanMs: number;
  /** Share of people who turned push on (used by strategies with push). */
  pushShare: number;
}

export interface WorkloadConfig {
  name: string;
  people: number;
  /** The queue opens at t = 0 (ms). A pre-queue opens this long before (null: none). */
  prequeueOpensAtMs: number | null;
  /** Arrivals: this share in the first `firstWindowMs` after the line (or pre-queue) opens, the rest over `restWindowMs`. */
  firstShare: number;
  firstWindowMs: number;
  restWindowMs: number;
  /** Simulated people already shuffled into the pre-queue (calibration: the mock's 1.2 M crowd). */
  ghostsAhead: number;
  /** Average admissions a second. */
  admitPerSecond: number;
  /** Minute-to-minute wobble of the admission rate: uniform ± this share. */
  wobble: number;
  /** Unannounced rate changes: from `atMs` on the rate is multiplied by `factor`. */
  rateChanges: Array<{ atMs: number; factor: number }>;
  /** true: the server reports the true rate and an exact ETA (the mock's closed form); false: only what it observed. */
  exactEta: boolean;
  /** The server answers this many requests a second; above it 503 + Retry-After; over 2× requests time out. */
  capacityPerSecond: number;
  retryAfterSeconds: number;
  admissionWindowMs: number;
  /** Admitted people book within this range (uniform) and are done. */
  bookMs: [number, number];
  /** Request latency, uniform [min, max] ms. */
  latencyMs: [number, number];
  /** A client gives up on a request after this long (the app's transport default). */
  timeoutMs: number;
  /** Push delivery latency, uniform [min, max] ms. */
  pushLatencyMs: [number, number];
  /** Held reads near the front (contract v1.1): hold when ETA <= this many seconds. */
  holdNearFrontSeconds: number;
  /** near-front push when ETA first falls to this many seconds. */
  pushNearFrontSeconds: number;
  phones: PhonesConfig;
  /** Stop after this much time after opening (ms). */
  maxMs: number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

export const DEFAULT_PHONES: PhonesConfig = {
  hiddenShare: 0.35,
  frozenShareOfHidden: 0.3,
  hideWithinMs: 2 * MINUTE,
  shownAfterMeanMs: 20 * MINUTE,
  throttle: true,
  closeShare: 0.1,
  closeWithinMs: 20 * MINUTE,
  returnAfterMeanMs: 15 * MINUTE,
  pushShare: 0.6,
};

const surge2021: WorkloadConfig = {
  name: "surge-2021",
  people: 2_000_000,
  prequeueOpensAtMs: null,
  firstShare: 0.75,
  firstWindowMs: MINUTE,
  restWindowMs: HOUR,
  ghostsAhead: 0,
  admitPerSecond: 250,
  wobble: 0.25,
  rateChanges: [{ atMs: 40 * MINUTE, factor: 2 }],
  exactEta: false,
  capacityPerSecond: 100_000,
  retryAfterSeconds: 10,
  admissionWindowMs: 10 * MINUTE,
  bookMs: [2 * MINUTE, 5 * MINUTE],
  latencyMs: [50, 300],
  timeoutMs: 10_000,
  pushLatencyMs: [200, 1_500],
  holdNearFrontSeconds: 60,
  pushNearFrontSeconds: 180,
  phones: DEFAULT_PHONES,
  maxMs: 3 * HOUR,
};

export const WORKLOADS: Record<string, WorkloadConfig> = {
  "surge-2021": surge2021,
  "surge-10m": { ...surge2021, name: "surge-10m", people: 10_000_000, maxMs: 7 * HOUR },
  prequeue: { ...surge2021, name: "prequeue", prequeueOpensAtMs: -HOUR },
  /**
   * The calibration workload: what the mock's opening-surge scenario does for event c53-54 (pre-queue
   * joined in the minute before opening, shuffled into a crowd of 1.2 M, 850 admissions a second, exact
   * ETA, no capacity limit, held reads within 60 s of the front as the mock holds them, no push). Half the
   * pages are hidden from the start and never throttled, as in the real tier (a fake clock has no
   * browser). Sized by the caller.
   */
  calibration: {
    ...surge2021,
    name: "calibration",
    people: 1_000,
    prequeueOpensAtMs: -60_000,
    firstShare: 1,
    firstWindowMs: 55_000,
    restWindowMs: 0,
    ghostsAhead: 1_200_000,
    admitPerSecond: 850,
    wobble: 0,
    rateChanges: [],
    exactEta: true,
    capacityPerSecond: 1e12,
    latencyMs: [0, 0],
    holdNearFrontSeconds: 60,
    pushNearFrontSeconds: -1,
    phones: {
      ...DEFAULT_PHONES,
      hiddenShare: 0.5,
      frozenShareOfHidden: 0,
      hideWithinMs: 0,
      shownAfterMeanMs: Number.POSITIVE_INFINITY,
      throttle: false,
      closeShare: 0,
      pushShare: 0,
    },
    maxMs: 40 * MINUTE,
  },
};

/** Applies `key=value` overrides (dotted keys reach into phones; arrays as JSON). */
export function overrideWorkload(base: WorkloadConfig, sets: string[]): WorkloadConfig {
  const result: WorkloadConfig = { ...base, phones: { ...base.phones } };
  for (const set of sets) {
    const eq = set.indexOf("=");
    if (eq < 0) throw new Error(`--set ${set}: expected key=value`);
    const key = set.slice(0, eq);
    const raw = set.slice(eq + 1);
    const value: unknown = raw === "Infinity" ? Number.POSITIVE_INFINITY : JSON.parse(raw);
    const [head, sub] = key.split(".");
    const target = (sub ? (result as unknown as Record<string, unknown>)[head as string] : result) as Record<
      string,
      unknown
    >;
    const field = (sub ?? head) as string;
    if (!target || !(field in target)) throw new Error(`--set ${key}: no such workload field`);
    target[field] = value;
  }
  return result;
}
