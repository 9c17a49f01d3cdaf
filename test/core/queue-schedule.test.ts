import { describe, expect, it } from "vitest";
import {
  BACKGROUND_CAP_MS,
  FOREGROUND_CAP_MS,
  JITTER,
  nextPollDelay,
  OPENING_SPREAD_MS,
  type PollInput,
  PUSH_SAFETY_NET_MS,
  RATE_OPTIMISM,
} from "../../src/core/queue/schedule.ts";
import { maxBucketShare } from "../support/failures.ts";
import { seededRandom } from "../support/seeded.ts";

const NOW = Date.parse("2021-07-19T11:00:00.000Z");

function randomInput(r: () => number): PollInput {
  const prequeue = r() < 0.3;
  return {
    state: prequeue ? "prequeue" : "waiting",
    ahead: prequeue ? null : r() < 0.1 ? null : Math.floor(r() ** 3 * 2_000_000),
    servingRatePerSecond: r() < 0.1 ? 0 : r() * 1000,
    opensAt: NOW + Math.floor((r() - 0.3) * 3_600_000),
    serverNow: NOW,
    floorMs: Math.floor(r() * 120) * 1000,
    visible: r() < 0.5,
  };
}

describe("nextPollDelay (the polite polling scheduler)", () => {
  it("is never sooner than the server's floor and never longer than the cap + jitter (property)", () => {
    const r = seededRandom(99);
    for (let i = 0; i < 20_000; i++) {
      const input = randomInput(r);
      const delay = nextPollDelay(input, r);
      expect(delay).toBeGreaterThanOrEqual(input.floorMs);
      const cap = input.visible ? FOREGROUND_CAP_MS : BACKGROUND_CAP_MS;
      expect(delay).toBeLessThanOrEqual(Math.max(input.floorMs, cap) * (1 + JITTER) + OPENING_SPREAD_MS);
    }
  });

  it("far back in a long line asks much less often than a naive 1 s hint says, yet before the earliest admission", () => {
    const r = seededRandom(1);
    const input: PollInput = {
      state: "waiting",
      ahead: 100_000,
      servingRatePerSecond: 850,
      opensAt: NOW - 60_000,
      serverNow: NOW,
      floorMs: 1000,
      visible: true,
    };
    const delay = nextPollDelay(input, r);
    const earliestFront = (100_000 / (850 * 1.25)) * 1000;
    expect(delay).toBeGreaterThan(30_000);
    expect(delay).toBeLessThan(earliestFront);
  });

  it("near the front follows the server's hint (jittered 0–20 % above it)", () => {
    const r = seededRandom(2);
    for (let i = 0; i < 1000; i++) {
      const delay = nextPollDelay(
        {
          state: "waiting",
          ahead: 50,
          servingRatePerSecond: 850,
          opensAt: NOW,
          serverNow: NOW,
          floorMs: 5000,
          visible: true,
        },
        r,
      );
      expect(delay).toBeGreaterThanOrEqual(5000);
      expect(delay).toBeLessThanOrEqual(6000);
    }
  });

  it("in the background near the front still checks within ~36 s, so an admission is noticed within a minute", () => {
    const r = seededRandom(3);
    for (let i = 0; i < 1000; i++) {
      const delay = nextPollDelay(
        {
          state: "waiting",
          ahead: 10,
          servingRatePerSecond: 5,
          opensAt: NOW,
          serverNow: NOW,
          floorMs: 2000,
          visible: false,
        },
        r,
      );
      expect(delay).toBeGreaterThanOrEqual(30_000);
      expect(delay).toBeLessThanOrEqual(36_000);
    }
  });

  it("a pre-queue of 1000 clients asking 30 s before opening comes back after opening, spread out", () => {
    const times: number[] = [];
    for (let client = 0; client < 1000; client++) {
      const r = seededRandom(500 + client);
      const delay = nextPollDelay(
        {
          state: "prequeue",
          ahead: null,
          servingRatePerSecond: 0,
          opensAt: NOW + 30_000,
          serverNow: NOW,
          floorMs: 10_000,
          visible: true,
        },
        r,
      );
      times.push(NOW + delay);
    }
    expect(Math.min(...times)).toBeGreaterThanOrEqual(NOW + 30_000);
    // Spread over the whole minute after opening: no single second gets more than 3 % of the crowd
    // (1/60 ≈ 1.7 % on average; the old 20 s spread put 5 % or more in every second) ...
    expect(maxBucketShare(times)).toBeLessThan(0.03);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(55_000);
    // ... and nobody waits longer than that minute for a number once the line opens.
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW + 30_000 + OPENING_SPREAD_MS);
  });

  it("the opening spread keeps a 2-million pre-queue's first reads at a third of a 100,000/s server's capacity", () => {
    // people × reads ÷ spread: 2,000,000 × 1 ÷ 60 s ≈ 33,000 a second (it was 100,000: all of it).
    const firstReadsPerSecond = 2_000_000 / (OPENING_SPREAD_MS / 1000);
    expect(firstReadsPerSecond / 100_000).toBeLessThanOrEqual(0.35);
    // A visible page shows "getting your number…" for at most a minute.
    expect(OPENING_SPREAD_MS).toBeLessThanOrEqual(60_000);
    expect(OPENING_SPREAD_MS).toBe(60_000);
  });

  it("a long wait in the foreground is read at most every 15 minutes far back (the screen projects between reads)", () => {
    const r = seededRandom(7);
    const input: PollInput = {
      state: "waiting",
      ahead: 2_000_000,
      servingRatePerSecond: 250,
      opensAt: NOW - 60_000,
      serverNow: NOW,
      floorMs: 60_000,
      visible: true,
    };
    for (let i = 0; i < 200; i++) {
      const delay = nextPollDelay(input, r);
      expect(delay).toBeGreaterThanOrEqual(FOREGROUND_CAP_MS);
      expect(delay).toBeLessThanOrEqual(FOREGROUND_CAP_MS * (1 + JITTER));
    }
    expect(FOREGROUND_CAP_MS).toBe(900_000);
  });

  it("push on, visible or hidden: only safety-net reads, PUSH_SAFETY_NET_MS (+ jitter) after half the optimistic time to the front", () => {
    const r = seededRandom(8);
    for (const visible of [true, false]) {
      for (const ahead of [50, 10_000, 500_000]) {
        const input: PollInput = {
          state: "waiting",
          ahead,
          servingRatePerSecond: 250,
          opensAt: NOW - 60_000,
          serverNow: NOW,
          floorMs: 2_000,
          visible,
          push: true,
        };
        const earliestFront = (ahead / (250 * RATE_OPTIMISM)) * 1000;
        for (let i = 0; i < 200; i++) {
          const delay = nextPollDelay(input, r);
          expect(delay).toBeGreaterThanOrEqual(earliestFront / 2 + PUSH_SAFETY_NET_MS - 1);
          expect(delay).toBeLessThanOrEqual(earliestFront / 2 + PUSH_SAFETY_NET_MS * (1 + JITTER) + 1);
        }
      }
    }
    expect(PUSH_SAFETY_NET_MS).toBe(240_000);
  });

  // One ticket with push on, its push lost: reads only from nextPollDelay while the line moves at
  // `speed` × the reported rate. Returns the reads sent before the admission and how long after the
  // admission the first read after it came.
  function walkWithLostPush(ahead0: number, speed: number, seed: number) {
    const r = seededRandom(seed);
    const reported = 250;
    const admittedAt = (ahead0 / (reported * speed)) * 1000;
    let t = 0;
    let readsBefore = 0;
    while (t < admittedAt) {
      readsBefore++;
      const ahead = Math.ceil(ahead0 - (reported * speed * t) / 1000);
      t += nextPollDelay(
        {
          state: "waiting",
          ahead,
          servingRatePerSecond: reported,
          opensAt: NOW - 60_000,
          serverNow: NOW + t,
          floorMs: 5_000,
          visible: false,
          push: true,
        },
        r,
      );
    }
    return { readsBefore, lagMs: t - admittedAt };
  }

  it("push on, push lost: the turn is noticed within 4.8 min of the admission even when the line moves 2.5× faster than reported", () => {
    for (let seed = 0; seed < 50; seed++) {
      for (const ahead0 of [1_000, 50_000, 300_000, 900_000, 2_000_000]) {
        for (const speed of [0.5, 1, 1.5, 2, 2.5]) {
          const { lagMs } = walkWithLostPush(ahead0, speed, seed * 7 + ahead0);
          expect(lagMs).toBeGreaterThanOrEqual(0);
          expect(lagMs).toBeLessThanOrEqual(PUSH_SAFETY_NET_MS * (1 + JITTER) + 1);
          expect(lagMs).toBeLessThanOrEqual(288_000);
        }
      }
    }
  });

  it("push on: a one-hour wait at the reported rate takes at most 4 safety-net reads before the admission", () => {
    // 900,000 ahead at 250 a second: 60 minutes. Reads landing well before the earliest admission (the
    // earlier rule, max(300 s, earliestFront / 2)) took 6 here.
    for (let seed = 0; seed < 50; seed++) {
      const { readsBefore } = walkWithLostPush(900_000, 1, seed);
      expect(readsBefore).toBeLessThanOrEqual(4);
    }
  });

  it("push on still honours a larger server floor", () => {
    const delay = nextPollDelay(
      {
        state: "waiting",
        ahead: 50,
        servingRatePerSecond: 250,
        opensAt: NOW,
        serverNow: NOW,
        floorMs: 400_000,
        visible: true,
        push: true,
      },
      seededRandom(9),
    );
    expect(delay).toBeGreaterThanOrEqual(400_000);
  });
});
