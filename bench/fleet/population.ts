/**
 * The population engine: every person of a national rush, one by one, in a
 * compact discrete-event loop. Struct of arrays (typed arrays, one slot per
 * person), a bucketed time wheel (100 ms), one pending wake-up per person,
 * a synchronous server model; no promises, no Request/Response, no HMAC.
 *
 * The `jari` strategies call the app's own pure policy (nextPollDelay,
 * classifyFailure, retryDelay, the recheck/resume spreads, the status-read
 * gap): nothing of it is copied here. `policy` can be replaced for tests.
 */

import { pollAfterSeconds as honestHint } from "../../mocks/model/queue/poll-policy.ts";
import { seededRandom } from "../../test/support/seeded.ts";
import { createApiError, POLICY, type Policy } from "./policy.ts";
import type { WorkloadConfig } from "./workloads.ts";

export const STRATEGIES = [
  "hammer",
  "fixed-20s",
  "fixed-3s",
  "netfunnel",
  "expo-nojitter",
  "jari",
  "jari-push",
  "jari-naive-server",
] as const;
export type StrategyName = (typeof STRATEGIES)[number];

/**
 * Default uniform sample (1 in k people) per strategy; the server sees k× a sampled strategy's load.
 * The request-heavy strategies are sampled so that each runs in seconds; the Jari variants run on
 * everyone.
 */
export const DEFAULT_SAMPLE: Record<StrategyName, number> = {
  hammer: 100,
  "fixed-3s": 100,
  "fixed-20s": 20,
  netfunnel: 50,
  "expo-nojitter": 10,
  jari: 1,
  "jari-push": 1,
  "jari-naive-server": 1,
};

export interface Quantiles {
  count: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
}

export interface StrategyResult {
  name: StrategyName;
  /** 1 in `sample` people simulated; requests and load are scaled up by it. */
  sample: number;
  simulatedPeople: number;
  requests: number;
  requestsPerPerson: { mean: number; p50: number; p99: number };
  /** Mean requests a person for people whose page stayed visible the whole wait. */
  requestsPerVisiblePerson: number;
  requestsPerHiddenPerson: number;
  /** Mean requests a person for people with push on (jari-push only; else null). */
  requestsPerPushPerson: number | null;
  peakLoadRatio: number;
  peakLoadRatioAfterFirstMinute: number;
  /** Seconds after the start (opening or pre-queue opening) of the peak. */
  noticeLatency: { visible: Quantiles; hidden: Quantiles; push: Quantiles; all: Quantiles };
  admitted: number;
  noticed: number;
  lostPlaces: number;
  expiredUnused: number;
  /** Of those, people whose app was open (or came back) within the admission window. */
  expiredUnusedReachable: number;
  /** Admissions that went to tickets their holder had abandoned (took a new one). */
  wastedAdmissions: number;
  neverAdmitted: number;
  pushesSent: number;
  heldReads: number;
  errors: { overloaded: number; timeouts: number };
  /** Minutes after opening. */
  lastAdmittedAt: number | null;
  /** Offered requests a second (scaled), one value per second from the start. */
  loadSeries: number[];
  /** Seconds from the first arrival to opening (the load series starts there). */
  seriesStartsAt: number;
  /** Visible-page notice latencies, for the chart (seconds, sorted, at most 2,000 points). */
  noticeCurve: { visible: number[]; hidden: number[]; push: number[]; all: number[] };
  wallSeconds: number;
}

export interface RunOptions {
  seed: number;
  sample?: number;
  policy?: Policy;
  /** Notice latency counts only admissions at or after this (ms after opening). */
  noticeAdmittedFromMs?: number;
  /** Interval of the `fixed-*` strategies (tests), ms. */
  fixedIntervalMs?: number;
}

const RES = 100; // ms per wheel bucket
const FOREVER = Number.POSITIVE_INFINITY;
const THROTTLE_AFTER_MS = 300_000;
const THROTTLE_GAP_MS = 60_000;
/**
 * "Reachable": the app ran (visible, or hidden with timers) through the admission window, or was
 * still open this long after the admission, or came back at least RETURN_MARGIN_MS before the window
 * ended. Someone who froze or closed the app seconds after being admitted is not a miss of the policy.
 */
const REACHABLE_AFTER_MS = 60_000;
const RETURN_MARGIN_MS = 5_000;

// Person phases.
const P_UNARRIVED = 0;
const P_JOINING = 1; // no ticket yet: the next request is a join
const P_WAITING = 2; // ticket: the next request is a status read
const P_DONE = 3; // noticed, or saw the admission expired, or gave up

// Visibility.
const V_VISIBLE = 0;
const V_THROTTLED = 1;
const V_FROZEN = 2;
const V_CLOSED = 3;

// Phone classes.
const C_VISIBLE = 0;
const C_THROTTLED = 1;
const C_FROZEN = 2;
const C_CLOSER = 3;

// Pending phone changes.
const K_NONE = 0;
const K_HIDE = 1;
const K_SHOW = 2;
const K_CLOSE = 3;
const K_RETURN = 4;

// Outcomes.
const OK = 0;
const OVERLOADED = 1;
const TIMEOUT = 2;

// How a notice came about.
const N_VISIBLE = 0;
const N_HIDDEN = 1;
const N_PUSH = 2;

const S = {
  hammer: 0,
  "fixed-20s": 1,
  "fixed-3s": 2,
  netfunnel: 3,
  "expo-nojitter": 4,
  jari: 5,
  "jari-push": 6,
  "jari-naive-server": 7,
} as const satisfies Record<StrategyName, number>;

function quantiles(values: Float64Array, count: number): Quantiles {
  if (count === 0) return { count, p50: null, p99: null, max: null };
  const sorted = values.subarray(0, count).sort();
  const at = (q: number) => round1(sorted[Math.min(count - 1, Math.floor(q * count))] as number);
  return { count, p50: at(0.5), p99: at(0.99), max: round1(sorted[count - 1] as number) };
}

const round1 = (v: number) => Math.round(v * 10) / 10;
const round3 = (v: number) => Math.round(v * 1000) / 1000;

function curve(values: Float64Array, count: number): number[] {
  // values already sorted by quantiles()
  const points = Math.min(count, 2000);
  const out: number[] = [];
  for (let i = 0; i < points; i++)
    out.push(round1(values[Math.floor((i / Math.max(1, points - 1)) * (count - 1))] as number));
  return out;
}

export function runStrategy(w: WorkloadConfig, name: StrategyName, options: RunOptions): StrategyResult {
  const wallStart = performance.now();
  const policy = options.policy ?? POLICY;
  const strategy = S[name];
  const isJari = strategy >= S.jari;
  const k = Math.max(1, Math.floor(options.sample ?? DEFAULT_SAMPLE[name]));
  const naiveServer = strategy === S["jari-naive-server"];
  const pushOn = strategy === S["jari-push"];
  const heldOn = isJari && !naiveServer && w.holdNearFrontSeconds >= 0;
  const fixedMs = options.fixedIntervalMs ?? (strategy === S["fixed-3s"] ? 3_000 : 20_000);
  const phones = w.phones;

  // ---------- the population (same seed, same arrivals for every strategy) ----------
  const n = Math.ceil(w.people / k);
  const arriveAt = new Float64Array(n);
  const cls = new Uint8Array(n);
  const chgAt = new Float64Array(n).fill(FOREVER);
  const chgKind = new Uint8Array(n);
  const backAt = new Float64Array(n).fill(FOREVER); // shown again / returned
  const goneAt = new Float64Array(n).fill(FOREVER); // hidden (frozen) / closed
  const pushSub = new Uint8Array(n);
  {
    const wr = seededRandom(options.seed * 2_654_435 + 17);
    const start = w.prequeueOpensAtMs ?? 0;
    let j = 0;
    for (let i = 0; i < w.people; i++) {
      const a =
        wr() < w.firstShare
          ? start + wr() * w.firstWindowMs
          : start + w.firstWindowMs + wr() * w.restWindowMs;
      const u = wr();
      const c =
        u < phones.hiddenShare
          ? wr() < phones.frozenShareOfHidden
            ? C_FROZEN
            : C_THROTTLED
          : u < phones.hiddenShare + phones.closeShare
            ? C_CLOSER
            : C_VISIBLE;
      const t1 = wr();
      const t2 = wr();
      const push = wr() < phones.pushShare;
      if (i % k !== 0) continue;
      arriveAt[j] = a;
      cls[j] = c;
      if (c === C_THROTTLED || c === C_FROZEN) {
        const hide = a + t1 * phones.hideWithinMs;
        chgAt[j] = hide;
        chgKind[j] = K_HIDE;
        if (c === C_FROZEN) goneAt[j] = hide;
        backAt[j] = hide - Math.log(1 - t2) * phones.shownAfterMeanMs;
      } else if (c === C_CLOSER) {
        const close = a + 60_000 + t1 * phones.closeWithinMs;
        chgAt[j] = close;
        chgKind[j] = K_CLOSE;
        goneAt[j] = close;
        backAt[j] = close - Math.log(1 - t2) * phones.returnAfterMeanMs;
      }
      pushSub[j] = pushOn && push ? 1 : 0;
      j++;
    }
  }
  const rnd = seededRandom(options.seed * 31 + strategy * 1_000_003 + 5);
  const lat = () => w.latencyMs[0] + rnd() * (w.latencyMs[1] - w.latencyMs[0]);

  // ---------- per-person client state ----------
  const phase = new Uint8Array(n);
  const vis = new Uint8Array(n);
  const hiddenSince = new Float64Array(n);
  const lastFire = new Float64Array(n).fill(-FOREVER);
  const timerAt = new Float64Array(n).fill(FOREVER);
  const answerAt = new Float64Array(n).fill(FOREVER);
  const sentAt = new Float64Array(n);
  const outcome = new Uint8Array(n);
  const held = new Uint8Array(n);
  const inFlight = new Uint8Array(n);
  const viaPush = new Uint8Array(n);
  const pushAt = new Float64Array(n).fill(FOREVER);
  const block = new Int32Array(n).fill(-1);
  const hadTicket = new Uint8Array(n);
  const admittedAt = new Float64Array(n).fill(Number.NaN);
  const noticedAt = new Float64Array(n).fill(Number.NaN);
  const noticeHow = new Uint8Array(n);
  const allowedAt = new Float64Array(n);
  const lastRead = new Float64Array(n).fill(-FOREVER);
  const boAttempt = new Uint16Array(n);
  const boPrev = new Float64Array(n);
  const requests = new Uint32Array(n);
  const wakeBucket = new Int32Array(n).fill(-1);

  // ---------- the wheel ----------
  const tStart = Math.min(w.prequeueOpensAtMs ?? 0, 0);
  const tEnd = w.maxMs;
  const nb = Math.ceil((tEnd - tStart) / RES) + 1;
  const buckets: Array<number[] | undefined> = new Array(nb);
  let cur = 0;
  const schedule = (p: number) => {
    let at = chgAt[p] as number;
    const answer = answerAt[p] as number;
    if (answer < at) at = answer;
    const push = pushAt[p] as number;
    if (push < at) at = push;
    const v = vis[p];
    if (v === V_VISIBLE || v === V_THROTTLED) {
      let timer = timerAt[p] as number;
      if (v === V_THROTTLED && phones.throttle && timer - (hiddenSince[p] as number) >= THROTTLE_AFTER_MS)
        timer = Math.max(timer, (lastFire[p] as number) + THROTTLE_GAP_MS);
      if (timer < at) at = timer;
    }
    if (at === FOREVER) {
      wakeBucket[p] = -1;
      return;
    }
    const b = Math.max(cur, Math.floor((at - tStart) / RES));
    if (b >= nb) {
      wakeBucket[p] = -1;
      return;
    }
    if (wakeBucket[p] === b) return;
    wakeBucket[p] = b;
    let list = buckets[b];
    if (!list) {
      list = [];
      buckets[b] = list;
    }
    list.push(p);
  };

  // ---------- the server ----------
  const seconds = Math.ceil((tEnd - tStart) / 1000) + 1;
  const load = new Float64Array(seconds);
  const admittedBySecond = new Float64Array(seconds); // cumulative admissions at the end of each second
  let owners = new Int32Array(Math.max(16, n * 2 + Math.ceil(w.ghostsAhead / k)));
  let blocksIssued = 0;
  let nextAdmit = 0;
  let nextNearFront = 0;
  let serving = 0; // people admitted (numbers up to this)
  let admittedTotal = 0;
  let lastAdmitted: number | null = null;
  let sealed = false;
  const prequeued: number[] = [];
  let wasted = 0;
  let pushesSent = 0;
  let heldReads = 0;
  let overloaded = 0;
  let timeouts = 0;
  let totalRequests = 0;
  let lostPlaces = 0;
  let active = n;
  const wr2 = seededRandom(options.seed * 7 + 3);
  const wobbles: number[] = [];
  for (let m = 0; m < Math.ceil(tEnd / 60_000) + 2; m++) wobbles.push(1 + (wr2() * 2 - 1) * w.wobble);
  const trueRate = (t: number) => {
    if (t < 0) return 0;
    let r = w.admitPerSecond * (wobbles[Math.floor(t / 60_000)] ?? 1);
    for (const change of w.rateChanges) if (t >= change.atMs) r *= change.factor;
    return r;
  };
  const addOwner = (p: number) => {
    if (blocksIssued >= owners.length) {
      const bigger = new Int32Array(owners.length * 2);
      bigger.set(owners);
      owners = bigger;
    }
    owners[blocksIssued] = p;
    return blocksIssued++;
  };
  const seal = () => {
    sealed = true;
    const ghosts = Math.round(w.ghostsAhead / k);
    const pool = new Int32Array(ghosts + prequeued.length).fill(-1);
    for (let i = 0; i < prequeued.length; i++) pool[ghosts + i] = prequeued[i] as number;
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(wr2() * (i + 1));
      const tmp = pool[i] as number;
      pool[i] = pool[j] as number;
      pool[j] = tmp;
    }
    for (let i = 0; i < pool.length; i++) {
      const p = pool[i] as number;
      const b = addOwner(p);
      if (p >= 0) block[p] = b;
    }
  };
  const observedRate = (t: number): number => {
    if (w.exactEta) return trueRate(t);
    const s = Math.floor((t - tStart) / 1000);
    const opened = Math.floor(-tStart / 1000);
    const span = Math.min(60, s - opened);
    if (span <= 0) return 0;
    return ((admittedBySecond[s - 1] ?? 0) - (admittedBySecond[s - 1 - span] ?? 0)) / span;
  };
  let lastAdvance = 0;
  const admitPerson = (p: number, at: number, now: number) => {
    admittedAt[p] = at;
    if (pushSub[p]) {
      pushesSent++;
      pushAt[p] = now + w.pushLatencyMs[0] + rnd() * (w.pushLatencyMs[1] - w.pushLatencyMs[0]);
    }
    if (held[p] && inFlight[p]) answerAt[p] = Math.min(answerAt[p] as number, at + lat());
    schedule(p);
  };
  const advance = (t: number) => {
    if (t < 0) return;
    if (!sealed) seal();
    const from = lastAdvance;
    const before = serving;
    const rate = trueRate(t);
    lastAdvance = t;
    serving = Math.min(serving + (rate * (t - from)) / 1000, blocksIssued * k);
    while (nextAdmit < blocksIssued && (nextAdmit + 1) * k <= serving) {
      const p = owners[nextAdmit] as number;
      if (p >= 0) {
        if (block[p] === nextAdmit) {
          // The moment the line passed this number (the rate is constant within a step).
          const at =
            rate > 0 ? Math.min(t, Math.max(from, from + (((nextAdmit + 1) * k - before) / rate) * 1000)) : t;
          admitPerson(p, at, t);
          lastAdmitted = at;
        } else wasted++;
      }
      admittedTotal += k;
      nextAdmit++;
    }
    const s = Math.floor((t - tStart) / 1000);
    if (s < seconds) admittedBySecond[s] = admittedTotal;
    if (pushOn && w.pushNearFrontSeconds >= 0) {
      const near = serving + w.pushNearFrontSeconds * observedRate(t);
      while (nextNearFront < blocksIssued && (nextNearFront + 1) * k <= near) {
        const p = owners[nextNearFront] as number;
        if (p >= 0 && pushSub[p] && block[p] === nextNearFront) pushesSent++;
        nextNearFront++;
      }
      if (nextNearFront < nextAdmit) nextNearFront = nextAdmit;
    }
  };
  const offer = (t: number): number => {
    const s = Math.floor((t - tStart) / 1000);
    const before = load[s] ?? 0;
    if (s < seconds) load[s] = before + k;
    totalRequests++;
    if (before + k <= w.capacityPerSecond) return OK;
    if (before + k <= 2 * w.capacityPerSecond) return OVERLOADED;
    return TIMEOUT;
  };
  const loadFactor = (t: number) => {
    const s = Math.floor((t - tStart) / 1000);
    return Math.max(load[s - 1] ?? 0, load[s] ?? 0) / w.capacityPerSecond;
  };

  // What the server says about p's ticket at t.
  let stState = 0; // 0 prequeue, 1 waiting, 2 admitted, 3 expired
  let stAhead = 0;
  let stRate = 0;
  let stHint = 0; // seconds
  const readStatus = (p: number, t: number) => {
    const admitted = admittedAt[p] as number;
    if (!Number.isNaN(admitted)) {
      stState = t < admitted + w.admissionWindowMs ? 2 : 3;
      stHint = naiveServer ? 5 : 30;
      return;
    }
    const b = block[p] as number;
    if (b < 0 || t < 0) {
      stState = 0;
      stAhead = 0;
      stRate = 0;
      stHint = naiveServer
        ? 5
        : honestHint({
            state: "prequeue",
            etaSeconds: null,
            secondsUntilOpen: -t / 1000,
            loadFactor: loadFactor(t),
          });
      return;
    }
    stState = 1;
    stAhead = Math.max(0, (b + 1) * k - Math.floor(serving) - 1);
    stRate = observedRate(t);
    const eta = stRate > 0 ? Math.min(604_800, Math.max(1, Math.ceil(stAhead / stRate))) : null;
    stHint = naiveServer
      ? 5
      : Math.min(
          600,
          honestHint({ state: "waiting", etaSeconds: eta, secondsUntilOpen: 0, loadFactor: loadFactor(t) }),
        );
  };
  const etaOf = (p: number, t: number): number | null => {
    readStatus(p, t);
    return stRate > 0 ? stAhead / stRate : null;
  };

  // ---------- the client ----------
  const send = (p: number, t: number) => {
    timerAt[p] = FOREVER;
    lastFire[p] = t;
    requests[p] = (requests[p] as number) + 1;
    sentAt[p] = t;
    inFlight[p] = 1;
    held[p] = 0;
    const result = offer(t);
    outcome[p] = result;
    if (result === OK) {
      if (phase[p] === P_JOINING) {
        if (t < 0) {
          if (!sealed) prequeued.push(p);
          else block[p] = addOwner(p);
          // A pre-queue ticket: its place is given at opening.
        } else {
          block[p] = addOwner(p);
        }
        if (hadTicket[p]) lostPlaces++;
        hadTicket[p] = 1;
        phase[p] = P_WAITING;
      } else {
        lastRead[p] = t;
        if (heldOn && Number.isNaN(admittedAt[p] as number)) {
          const eta = etaOf(p, t);
          if (stState === 1 && eta !== null && eta <= w.holdNearFrontSeconds) {
            held[p] = 1;
            heldReads++;
            answerAt[p] = t + policy.HELD_READ_WAIT_S * 1000 + lat();
            return;
          }
        }
      }
      answerAt[p] = t + lat();
    } else if (result === OVERLOADED) {
      overloaded++;
      answerAt[p] = t + lat();
    } else {
      timeouts++;
      answerAt[p] = t + w.timeoutMs;
    }
  };
  const notice = (p: number, t: number) => {
    noticedAt[p] = t;
    noticeHow[p] = viaPush[p] ? N_PUSH : vis[p] === V_VISIBLE && cls[p] === C_VISIBLE ? N_VISIBLE : N_HIDDEN;
    phase[p] = P_DONE;
    timerAt[p] = FOREVER;
    pushAt[p] = FOREVER;
    chgAt[p] = FOREVER;
    active--;
  };
  const finish = (p: number) => {
    phase[p] = P_DONE;
    timerAt[p] = FOREVER;
    pushAt[p] = FOREVER;
    chgAt[p] = FOREVER;
    active--;
  };
  const backoffState = (p: number) => ({
    attempt: boAttempt[p] as number,
    previousDelayMs: boPrev[p] as number,
  });

  const errorFor = (p: number) =>
    outcome[p] === OVERLOADED
      ? createApiError(503, w.retryAfterSeconds * 1000)
      : createApiError("timeout", w.timeoutMs);

  // An answer arrives: plan the next request.
  const onAnswer = (p: number, t: number) => {
    answerAt[p] = FOREVER;
    inFlight[p] = 0;
    if (vis[p] === V_CLOSED) return; // the app is gone; it resumes on return
    const result = outcome[p];
    if (result !== OK) {
      planAfterError(p, t);
      return;
    }
    readStatus(p, t);
    if (stState === 2) {
      notice(p, t);
      return;
    }
    if (stState === 3) {
      finish(p);
      return;
    }
    // A held answer (Preference-Applied) invites the next held read at once: pollAfterSeconds 0.
    if (held[p] && stState === 1) stHint = 0;
    boAttempt[p] = 0;
    boPrev[p] = 0;
    viaPush[p] = 0;
    allowedAt[p] = t + stHint * 1000;
    const visible = vis[p] === V_VISIBLE;
    let delay: number;
    switch (strategy) {
      case S.hammer:
        delay = 1_000 + rnd() * 4_000;
        break;
      case S["fixed-20s"]:
      case S["fixed-3s"]:
        delay = fixedMs;
        break;
      case S.netfunnel:
        delay =
          stState === 0
            ? 10_000
            : stAhead < 2_000
              ? 1_000
              : stAhead < 10_000
                ? 2_000
                : stAhead < 100_000
                  ? 8_000
                  : 10_000;
        break;
      case S["expo-nojitter"]:
        delay = stHint * 1000;
        break;
      default: {
        const heldFor = held[p] ? t - (sentAt[p] as number) : null;
        delay = policy.nextPollDelay(
          {
            state: stState === 0 ? "prequeue" : "waiting",
            ahead: stState === 0 ? null : stAhead,
            servingRatePerSecond: stRate,
            opensAt: 0,
            serverNow: t,
            floorMs: stHint * 1000,
            visible,
            push: pushSub[p] === 1,
            heldForMs: heldFor,
          },
          rnd,
        );
        delay = Math.max(delay, (lastRead[p] as number) + policy.MIN_STATUS_GAP_MS - t);
      }
    }
    // A person hammering reload does so only while looking at the page.
    timerAt[p] = strategy === S.hammer && !visible ? FOREVER : t + delay;
  };

  const planAfterError = (p: number, t: number) => {
    let delay: number;
    switch (strategy) {
      case S.hammer:
        // 2021: an error page, so reload, which takes a new ticket at the back.
        if (phase[p] === P_WAITING) {
          phase[p] = P_JOINING;
          block[p] = -1;
          // An admission the error page hid is thrown away with the ticket.
          if (!Number.isNaN(admittedAt[p] as number)) {
            admittedAt[p] = Number.NaN;
            pushAt[p] = FOREVER;
            wasted++;
          }
        }
        delay = 1_000 + rnd() * 4_000;
        break;
      case S["fixed-20s"]:
      case S["fixed-3s"]:
        delay = fixedMs;
        break;
      case S.netfunnel:
        delay = 1_000;
        break;
      case S["expo-nojitter"]: {
        delay = 1_000 * 2 ** Math.min(3, boAttempt[p] as number);
        boAttempt[p] = (boAttempt[p] as number) + 1;
        break;
      }
      default: {
        const decision = policy.classifyFailure(errorFor(p));
        const [ms, next] = policy.retryDelay(decision, backoffState(p), rnd);
        boAttempt[p] = next.attempt;
        boPrev[p] = next.previousDelayMs;
        allowedAt[p] = Math.max(allowedAt[p] as number, t + (decision.notBeforeMs ?? 0));
        delay = ms;
      }
    }
    timerAt[p] = strategy === S.hammer && vis[p] !== V_VISIBLE ? FOREVER : t + delay;
  };

  // The page comes back to the foreground, or the app is opened again (or a push is tapped).
  const comeBack = (p: number, t: number, resume: boolean) => {
    if (inFlight[p]) return; // the answer will plan the next request
    if (!isJari) {
      timerAt[p] = Math.min(timerAt[p] as number, t);
      return;
    }
    const planned = timerAt[p] as number;
    let at: number;
    if (resume) at = t + rnd() * policy.RESUME_SPREAD_MS;
    else {
      const soon = t + rnd() * policy.RECHECK_SPREAD_MS;
      at = planned <= t ? soon : (boAttempt[p] as number) > 0 ? planned : Math.min(planned, soon);
    }
    at = Math.max(at, allowedAt[p] as number, (lastRead[p] as number) + policy.MIN_STATUS_GAP_MS);
    timerAt[p] = at;
  };

  const onPhoneChange = (p: number, t: number) => {
    const kind = chgKind[p];
    chgAt[p] = FOREVER;
    chgKind[p] = K_NONE;
    if (kind === K_HIDE) {
      vis[p] = cls[p] === C_FROZEN ? V_FROZEN : V_THROTTLED;
      hiddenSince[p] = t;
      chgAt[p] = backAt[p] as number;
      chgKind[p] = K_SHOW;
    } else if (kind === K_SHOW) {
      vis[p] = V_VISIBLE;
      comeBack(p, t, false);
    } else if (kind === K_CLOSE) {
      vis[p] = V_CLOSED;
      timerAt[p] = FOREVER;
      answerAt[p] = FOREVER;
      inFlight[p] = 0;
      chgAt[p] = backAt[p] as number;
      chgKind[p] = K_RETURN;
    } else if (kind === K_RETURN) {
      vis[p] = V_VISIBLE;
      comeBack(p, t, true);
    }
  };

  const onPush = (p: number, t: number) => {
    pushAt[p] = FOREVER;
    viaPush[p] = 1;
    // The notification is tapped (or the woken page reads): the app opens in the foreground.
    if (vis[p] === V_CLOSED) {
      chgAt[p] = FOREVER;
      chgKind[p] = K_NONE;
      vis[p] = V_VISIBLE;
      comeBack(p, t, true);
    } else {
      if (vis[p] !== V_VISIBLE) {
        vis[p] = V_VISIBLE;
        chgAt[p] = FOREVER;
        chgKind[p] = K_NONE;
      }
      comeBack(p, t, false);
    }
  };

  const wake = (p: number, tb: number) => {
    // Handle everything due by the end of this bucket, earliest first.
    const limit = tb + RES;
    for (let guard = 0; guard < 8; guard++) {
      if (phase[p] === P_DONE) return;
      const c = chgAt[p] as number;
      const a = answerAt[p] as number;
      const pu = pushAt[p] as number;
      const v = vis[p];
      let tm = FOREVER;
      if (v === V_VISIBLE || v === V_THROTTLED) {
        tm = timerAt[p] as number;
        if (v === V_THROTTLED && phones.throttle && tm - (hiddenSince[p] as number) >= THROTTLE_AFTER_MS)
          tm = Math.max(tm, (lastFire[p] as number) + THROTTLE_GAP_MS);
      }
      const next = Math.min(c, a, pu, tm);
      if (next >= limit) break;
      // Exact times, even when slightly before this bucket (an admission's exact crossing time).
      const t = next;
      if (next === a) onAnswer(p, t);
      else if (next === c) onPhoneChange(p, t);
      else if (next === pu) onPush(p, t);
      else {
        if (phase[p] === P_UNARRIVED) phase[p] = P_JOINING;
        send(p, t);
      }
    }
    if (phase[p] !== P_DONE) schedule(p);
  };

  // Arrivals: each person's first "timer" is the join at arrival.
  for (let p = 0; p < n; p++) {
    timerAt[p] = arriveAt[p] as number;
    schedule(p);
  }
  for (cur = 0; cur < nb && active > 0; cur++) {
    const tb = tStart + cur * RES;
    if (tb >= 0) advance(tb);
    const list = buckets[cur];
    if (!list) continue;
    // Wakes scheduled into this bucket while it is being served are appended to `list` and served too.
    for (let i = 0; i < list.length; i++) {
      const p = list[i] as number;
      if (wakeBucket[p] !== cur) continue;
      wakeBucket[p] = -1;
      wake(p, tb);
    }
    buckets[cur] = undefined;
  }
  const endedAt = tStart + cur * RES;

  // ---------- results ----------
  const lat3 = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  const noticeFrom = options.noticeAdmittedFromMs ?? Number.NEGATIVE_INFINITY;
  const counts: [number, number, number] = [0, 0, 0];
  let admitted = 0;
  let noticed = 0;
  let expiredUnused = 0;
  let expiredReachable = 0;
  let neverAdmitted = 0;
  let visibleReq = 0;
  let visibleN = 0;
  let hiddenReq = 0;
  let hiddenN = 0;
  let maxReq = 0;
  let pushReq = 0;
  let pushN = 0;
  for (let p = 0; p < n; p++) {
    const r = requests[p] as number;
    if (pushSub[p]) {
      pushReq += r;
      pushN++;
    }
    if (r > maxReq) maxReq = r;
    if (cls[p] === C_VISIBLE) {
      visibleReq += r;
      visibleN++;
    } else {
      hiddenReq += r;
      hiddenN++;
    }
    const a = admittedAt[p] as number;
    if (Number.isNaN(a)) {
      neverAdmitted++;
      continue;
    }
    admitted++;
    const seen = noticedAt[p] as number;
    const windowEnd = a + w.admissionWindowMs;
    if (!Number.isNaN(seen) && seen < windowEnd) {
      noticed++;
      if (a < noticeFrom) continue;
      const how = noticeHow[p] as number;
      (lat3[how] as Float64Array)[counts[how] as number] = (seen - a) / 1000;
      counts[how] = (counts[how] as number) + 1;
    } else if (windowEnd <= endedAt) {
      expiredUnused++;
      const c = cls[p];
      const reachable =
        c === C_VISIBLE ||
        c === C_THROTTLED ||
        (goneAt[p] as number) > a + REACHABLE_AFTER_MS ||
        (backAt[p] as number) < windowEnd - RETURN_MARGIN_MS;
      if (reachable) {
        expiredReachable++;
      }
    }
  }
  if (process.env.FLEET_DEBUG) {
    const sum = [0, 0, 0, 0, 0, 0, 0, 0];
    const cnt = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let p = 0; p < n; p++) {
      const g = (cls[p] as number) + 4 * (pushSub[p] as number);
      sum[g] = (sum[g] as number) + (requests[p] as number);
      cnt[g] = (cnt[g] as number) + 1;
    }
    console.log(
      name,
      "mean requests by class (visible, throttled, frozen, closer) x (no push, push)",
      JSON.stringify(sum.map((v, i) => round1(v / Math.max(1, cnt[i] as number)))),
      JSON.stringify(cnt),
    );
  }
  const hist = new Uint32Array(maxReq + 1);
  for (let p = 0; p < n; p++) hist[requests[p] as number] = (hist[requests[p] as number] as number) + 1;
  const pct = (q: number) => {
    let acc = 0;
    for (let r = 0; r <= maxReq; r++) {
      acc += hist[r] as number;
      if (acc > q * n) return r;
    }
    return maxReq;
  };
  const startSec = Math.floor(-tStart / 1000);
  let peak = 0;
  let peakAfter = 0;
  const firstArrivalSec = Math.floor(((w.prequeueOpensAtMs ?? 0) - tStart) / 1000);
  for (let s = 0; s < seconds; s++) {
    const v = load[s] as number;
    if (v > peak) peak = v;
    if (s >= firstArrivalSec + 60 && v > peakAfter) peakAfter = v;
  }
  const lastSec = Math.min(seconds, Math.ceil((endedAt - tStart) / 1000));
  const series: number[] = [];
  for (let s = 0; s < lastSec; s++) series.push(load[s] as number);
  const everyone = new Float64Array(counts[0] + counts[1] + counts[2]);
  everyone.set((lat3[0] as Float64Array).subarray(0, counts[0]), 0);
  everyone.set((lat3[1] as Float64Array).subarray(0, counts[1]), counts[0]);
  everyone.set((lat3[2] as Float64Array).subarray(0, counts[2]), counts[0] + counts[1]);
  const q = [0, 1, 2].map((i) => quantiles(lat3[i] as Float64Array, counts[i] as number));
  const allQ = quantiles(everyone, everyone.length);
  return {
    name,
    sample: k,
    simulatedPeople: n,
    requests: totalRequests * k,
    requestsPerPerson: { mean: round3(totalRequests / n), p50: pct(0.5), p99: pct(0.99) },
    requestsPerVisiblePerson: round3(visibleN > 0 ? visibleReq / visibleN : 0),
    requestsPerHiddenPerson: round3(hiddenN > 0 ? hiddenReq / hiddenN : 0),
    requestsPerPushPerson: pushN > 0 ? round3(pushReq / pushN) : null,
    peakLoadRatio: round3(peak / w.capacityPerSecond),
    peakLoadRatioAfterFirstMinute: round3(peakAfter / w.capacityPerSecond),
    noticeLatency: {
      visible: q[0] as Quantiles,
      hidden: q[1] as Quantiles,
      push: q[2] as Quantiles,
      all: allQ,
    },
    admitted: admitted * k,
    noticed: noticed * k,
    lostPlaces: lostPlaces * k,
    expiredUnused: expiredUnused * k,
    expiredUnusedReachable: expiredReachable * k,
    wastedAdmissions: wasted * k,
    neverAdmitted: neverAdmitted * k,
    pushesSent: pushesSent * k,
    heldReads: heldReads * k,
    errors: { overloaded: overloaded * k, timeouts: timeouts * k },
    lastAdmittedAt: lastAdmitted === null ? null : round1(lastAdmitted / 60_000),
    loadSeries: series,
    seriesStartsAt: startSec,
    noticeCurve: {
      visible: curve(lat3[0] as Float64Array, counts[0] as number),
      hidden: curve(lat3[1] as Float64Array, counts[1] as number),
      push: curve(lat3[2] as Float64Array, counts[2] as number),
      all: curve(everyone, everyone.length),
    },
    wallSeconds: round1((performance.now() - wallStart) / 1000),
  };
}
