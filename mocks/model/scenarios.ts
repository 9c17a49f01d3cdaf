/**
 * Named scenarios: when the events open relative to the backend's start, how
 * big the crowd is and how fast the line moves, and which faults are on.
 */
import type { FaultConfig } from "./faults-types.ts";

export type ScenarioName = "calm" | "opening-surge" | "overload" | "flaky" | "bounce" | "outage" | "closed";

export const SCENARIO_NAMES: readonly ScenarioName[] = [
  "calm",
  "opening-surge",
  "overload",
  "flaky",
  "bounce",
  "outage",
  "closed",
];

export function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === "string" && (SCENARIO_NAMES as readonly string[]).includes(value);
}

/** The simulated crowd of one event (queue seconds; `speed` scales them). */
export interface CrowdPlan {
  /** Simulated people in the pre-queue, shuffled together with real pre-queued tickets at opening. */
  prequeueCrowd: number;
  /** Admissions per second once open. */
  admitPerSecond: number;
  /** Steady simulated arrivals per second after opening. */
  arrivalsPerSecond: number;
  /** Extra arrivals per second right at opening, decaying exponentially. */
  surgeArrivalsPerSecond: number;
  surgeDecaySeconds: number;
}

/** Times in seconds from the backend's start; null prequeue = no pre-queue. */
export interface EventPlan {
  id: string;
  prequeueAt: number | null;
  opensAt: number;
  closesAt: number;
  crowd: CrowdPlan;
}

export interface ScenarioPlan {
  events: EventPlan[];
  /** Faults relative to start (outage offsets in seconds). */
  faults: Partial<Omit<FaultConfig, "outage">> & { outageSeconds?: { from: number; to: number } };
  /** How fast the simulated crowd books slots: fraction of capacity per hour after opening. */
  slotFillPerHour: number;
}

const HOUR = 3600;
const DAY = 24 * HOUR;

/** A short line that never grows: arrivals keep pace with admissions. */
const calmCrowd = (ahead: number): CrowdPlan => ({
  prequeueCrowd: ahead,
  admitPerSecond: 3,
  arrivalsPerSecond: 3,
  surgeArrivalsPerSecond: 0,
  surgeDecaySeconds: 1,
});

/** The July 2021 opening: 1.2 million people waiting at the first second, then a decaying flood. */
const surgeCrowd: CrowdPlan = {
  prequeueCrowd: 1_200_000,
  admitPerSecond: 850,
  arrivalsPerSecond: 300,
  surgeArrivalsPerSecond: 4000,
  surgeDecaySeconds: 600,
};

/** calm: one event open now, one pre-queue opening in about a minute, one upcoming. */
function calmEvents(ahead: number): EventPlan[] {
  return [
    { id: "c55-59", prequeueAt: -2 * HOUR, opensAt: -HOUR, closesAt: 7 * DAY, crowd: calmCrowd(ahead) },
    { id: "c53-54", prequeueAt: -10 * 60, opensAt: 60, closesAt: 7 * DAY, crowd: calmCrowd(ahead) },
    { id: "c50-52", prequeueAt: DAY, opensAt: DAY + HOUR, closesAt: 8 * DAY, crowd: calmCrowd(ahead) },
  ];
}

function surgeEvents(): EventPlan[] {
  return [
    { id: "c55-59", prequeueAt: -HOUR, opensAt: -60, closesAt: 5 * DAY, crowd: surgeCrowd },
    { id: "c53-54", prequeueAt: -10 * 60, opensAt: 60, closesAt: 5 * DAY, crowd: surgeCrowd },
    { id: "c50-52", prequeueAt: DAY, opensAt: DAY + HOUR, closesAt: 6 * DAY, crowd: surgeCrowd },
  ];
}

export const SCENARIOS: Record<ScenarioName, ScenarioPlan> = {
  calm: { events: calmEvents(30), faults: {}, slotFillPerHour: 0.02 },
  "opening-surge": { events: surgeEvents(), faults: {}, slotFillPerHour: 0.3 },
  overload: {
    events: surgeEvents(),
    faults: { overloadRate: 0.35, retryAfterSeconds: 8, retryAfterForm: "mixed", capacityPerSecond: 50 },
    slotFillPerHour: 0.3,
  },
  flaky: {
    events: calmEvents(60),
    faults: {
      latencyMs: 150,
      latencyJitterMs: 1200,
      dropRate: 0.06,
      hangRate: 0.01,
      lostRate: 0.06,
      cutRate: 0.03,
      malformedRate: 0.03,
      errorRate: 0.04,
      rateLimitRate: 0.03,
      overloadRate: 0.03,
      retryAfterSeconds: 3,
      retryAfterForm: "mixed",
    },
    slotFillPerHour: 0.05,
  },
  bounce: { events: calmEvents(30), faults: { bounce: true }, slotFillPerHour: 0.02 },
  outage: {
    events: calmEvents(180),
    faults: { outageSeconds: { from: 20, to: 50 }, retryAfterForm: "http-date" },
    slotFillPerHour: 0.05,
  },
  closed: {
    events: [
      {
        id: "c55-59",
        prequeueAt: -2 * HOUR,
        opensAt: -HOUR,
        closesAt: 30,
        crowd: { ...surgeCrowd, prequeueCrowd: 5_000, admitPerSecond: 20 },
      },
      { id: "c53-54", prequeueAt: -3 * DAY, opensAt: -2 * DAY, closesAt: -DAY, crowd: calmCrowd(30) },
      { id: "c50-52", prequeueAt: -2 * DAY, opensAt: -DAY, closesAt: -HOUR, crowd: calmCrowd(30) },
    ],
    faults: {},
    slotFillPerHour: 0.05,
  },
};
