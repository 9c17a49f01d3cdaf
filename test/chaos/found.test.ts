import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_FAULTS } from "./faults.ts";
import { watchUnhandled } from "./property.ts";
import type { Schedule } from "./schedule.ts";
import { runSchedule } from "./world.ts";

/**
 * Schedules the 10,000-schedule runs found and shrank, kept as they were printed: each broke an
 * invariant on the code of its day (the violation is in the test's name) and must keep passing.
 */
/** Where a fix made fewer tickets than the world's count of intents allows, the count it makes. */
const TICKETS: Record<string, number> = {
  "3 tickets for 2 join intents: on failed storage, a tab opened after another published its smaller key": 2,
};

const found: Array<[string, Schedule]> = [
  [
    "2 tickets for 1 join intent: a second tab opened as storage came back joined before hearing the leader",
    {
      seed: 1,
      rates: NO_FAULTS,
      retryAfterKinds: ["in-bound"],
      initialSkewMs: 0,
      faultsForMs: 60013,
      events: [
        { at: 0, kind: "storage", ms: 10334 },
        { at: 10334, kind: "second-tab", ms: 1000 },
      ],
    },
  ],
  [
    "3 tickets for 2 join intents: on failed storage, a tab opened after another published its smaller key",
    {
      seed: 2147482084,
      rates: { ...NO_FAULTS, outOfBound: 0.2802280059549958 },
      retryAfterKinds: ["in-bound"],
      initialSkewMs: 0,
      faultsForMs: 466337,
      events: [
        { at: 0, kind: "reload" },
        { at: 0, kind: "storage", ms: 275437 },
        { at: 16, kind: "second-tab", ms: 197814 },
        { at: 21, kind: "second-tab", ms: 357838 },
        { at: 34, kind: "second-tab", ms: 291464 },
        { at: 101710, kind: "second-tab", ms: 299951 },
        { at: 124335, kind: "second-tab", ms: 29219 },
        { at: 425805, kind: "gap", ms: 615899 },
      ],
    },
  ],
  [
    "place lost from the store: a follower's join retry saved its ticketless record over the leader's ticket",
    {
      seed: 2147482084,
      rates: { ...NO_FAULTS, outOfBound: 0.28022800595499575 },
      retryAfterKinds: ["in-bound"],
      initialSkewMs: 0,
      faultsForMs: 466337,
      events: [
        { at: 0, kind: "reload" },
        { at: 16, kind: "second-tab", ms: 197814 },
        { at: 21, kind: "second-tab", ms: 357838 },
        { at: 34, kind: "second-tab", ms: 291464 },
        { at: 64105, kind: "storage", ms: 275437 },
        { at: 101710, kind: "second-tab", ms: 299951 },
        { at: 124335, kind: "second-tab", ms: 29219 },
        { at: 425805, kind: "gap", ms: 615899 },
      ],
    },
  ],
  [
    "two status reads 999 ms apart: a page reloaded with an admission saved skipped the one-second gap",
    {
      seed: 1,
      rates: NO_FAULTS,
      retryAfterKinds: ["in-bound"],
      initialSkewMs: 0,
      faultsForMs: 60003,
      events: [
        { at: 4279, kind: "outage", ms: 16729 },
        { at: 16175, kind: "clock-jump", skewMs: 4234200 },
        { at: 18853, kind: "reload" },
        { at: 22007, kind: "reload" },
        { at: 47309, kind: "gap", ms: 602457 },
      ],
    },
  ],
  [
    "2 tickets for 1 join intent: a tab opened as storage came back joined beside the leader's join under way",
    {
      seed: 1,
      rates: { ...NO_FAULTS, outOfBound: 0.004292114637792111 },
      retryAfterKinds: ["in-bound"],
      initialSkewMs: 0,
      faultsForMs: 60018,
      events: [
        { at: 0, kind: "storage", ms: 500 },
        { at: 300, kind: "second-tab", ms: 1000 },
      ],
    },
  ],
  [
    "POST join too early: a blind page's join was told to wait, and a reload resumed the older join sooner",
    {
      seed: 1,
      rates: { ...NO_FAULTS, refuse: 0.305933129740879 },
      retryAfterKinds: ["in-bound"],
      initialSkewMs: 0,
      faultsForMs: 917125,
      events: [
        { at: 116394, kind: "clock-jump", skewMs: 0 },
        { at: 309932, kind: "storage", ms: 222749 },
        { at: 310198, kind: "reload" },
        { at: 564638, kind: "reload" },
      ],
    },
  ],
  [
    "admission lost from the store: a follower's late join answer saved the ticket over its admitted copy",
    {
      seed: 1353422117,
      rates: { ...NO_FAULTS, refuse: 0.328487599734217, dateOff: 1.380338857131404e-39 },
      retryAfterKinds: ["in-bound", "garbage", "date-far", "date-near", "date-past"],
      initialSkewMs: -2827799,
      faultsForMs: 866376,
      events: [
        { at: 60068, kind: "reload" },
        { at: 191688, kind: "second-tab", ms: 147464 },
        { at: 307889, kind: "clock-jump", skewMs: 0 },
        { at: 594546, kind: "second-tab", ms: 363613 },
        { at: 674336, kind: "reload" },
        { at: 856847, kind: "clock-jump", skewMs: 0 },
      ],
    },
  ],
  [
    "POST join 15 ms after a broken answer: the device clock moved forward and a re-read lost the backoff",
    {
      seed: 1,
      rates: { ...NO_FAULTS, refuse: 0.0857988800853491 },
      retryAfterKinds: ["garbage"],
      initialSkewMs: -3378,
      faultsForMs: 60011,
      events: [
        { at: 1, kind: "clock-jump", skewMs: 0 },
        { at: 15, kind: "second-tab", ms: 1000 },
      ],
    },
  ],
  [
    "POST join 16 s after a 503 with Retry-After: the leader sent a follower's join after its grace",
    {
      seed: 696667440,
      rates: {
        dropBefore: 0,
        dropAfter: 0,
        hang: 0,
        refuse: 0.3999999999999995,
        malformed: 2.2787902793222482e-73,
        outOfBound: 6.086885813815272e-166,
        dateOff: 2.475082012414908e-267,
      },
      retryAfterKinds: ["out-of-bound", "date-past", "date-near"],
      initialSkewMs: 7199980,
      faultsForMs: 1071684,
      events: [
        { at: 155005, kind: "offline", ms: 61781 },
        { at: 741544, kind: "second-tab", ms: 140912 },
        { at: 764984, kind: "hidden", ms: 287291 },
        { at: 850857, kind: "reload" },
        { at: 1023939, kind: "reload" },
      ],
    },
  ],
  [
    "13 identity POSTs in 53 s: an unlucky decorrelated backoff stayed near 2 s through an outage",
    {
      seed: 888634927,
      rates: {
        dropBefore: 0,
        dropAfter: 0.21992169632057962,
        hang: 4.612309931922107e-13,
        refuse: 6.714843623878879e-13,
        malformed: 5.555066007570306e-208,
        outOfBound: 1e-323,
        dateOff: 1.0279541968130985e-57,
      },
      retryAfterKinds: ["date-near", "garbage", "in-bound", "date-past", "out-of-bound", "date-far"],
      initialSkewMs: 0,
      faultsForMs: 898820,
      events: [
        { at: 31089, kind: "gap", ms: 176958 },
        { at: 124460, kind: "reload" },
        { at: 197954, kind: "outage", ms: 152292 },
        { at: 292740, kind: "clock-jump", skewMs: 0 },
        { at: 619788, kind: "reload" },
      ],
    },
  ],
];

describe("chaos: schedules found by earlier runs", () => {
  let unwatch: () => void = () => {};
  beforeAll(() => {
    unwatch = watchUnhandled();
  });
  afterAll(() => unwatch());

  it.each(found)("%s", async (name, schedule) => {
    const { violations, tickets } = await runSchedule(schedule);
    expect(violations).toEqual([]);
    if (TICKETS[name] !== undefined) expect(tickets).toBeLessThanOrEqual(TICKETS[name]);
  });
});
