import { describe, expect, it } from "vitest";
import { type BackoffOptions, GROWTH, INITIAL_BACKOFF, nextBackoff } from "../../src/core/net/backoff.ts";
import { seededRandom } from "../support/seeded.ts";

const decorrelated: BackoffOptions = { initialDelayMs: 1000, maxDelayMs: 60_000, jitter: "decorrelated" };
const full: BackoffOptions = { initialDelayMs: 1000, maxDelayMs: 30_000, jitter: "full" };

function run(options: BackoffOptions, seed: number, steps: number): number[] {
  const random = seededRandom(seed);
  const delays: number[] = [];
  let state = INITIAL_BACKOFF;
  for (let i = 0; i < steps; i++) {
    const [delay, next] = nextBackoff(state, options, random);
    delays.push(delay);
    state = next;
  }
  return delays;
}

describe("nextBackoff", () => {
  it("is pure: the same seed gives the same delays and the input state is untouched", () => {
    const state = { ...INITIAL_BACKOFF };
    nextBackoff(state, decorrelated, seededRandom(1));
    expect(state).toEqual(INITIAL_BACKOFF);
    expect(run(decorrelated, 7, 20)).toEqual(run(decorrelated, 7, 20));
  });

  it("keeps decorrelated delays within [initial, cap] for many seeds (property)", () => {
    for (let seed = 1; seed <= 300; seed++) {
      for (const delay of run(decorrelated, seed, 40)) {
        expect(delay).toBeGreaterThanOrEqual(1000);
        expect(delay).toBeLessThanOrEqual(60_000);
      }
    }
  });

  it("keeps full-jitter delays within [0, min(cap, initial × 2^attempt)] (property)", () => {
    for (let seed = 1; seed <= 300; seed++) {
      run(full, seed, 30).forEach((delay, attempt) => {
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(Math.min(30_000, 1000 * 2 ** attempt));
      });
    }
  });

  it("grows: the average delay after ten failures is far above the first", () => {
    let first = 0;
    let tenth = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const delays = run(decorrelated, seed, 10);
      first += delays[0] ?? 0;
      tenth += delays[9] ?? 0;
    }
    expect(tenth / first).toBeGreaterThan(5);
  });

  it("grows for certain: each delay is at least GROWTH × the last until the cap, for every seed (property)", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const delays = run(decorrelated, seed, 20);
      for (let i = 1; i < delays.length; i++)
        expect(delays[i]).toBeGreaterThanOrEqual(
          Math.min(60_000, Math.round((delays[i - 1] ?? 0) * GROWTH)) - 1,
        );
    }
  });

  it("so a run of failures never sends more than a handful of attempts a minute, whatever the dice", () => {
    const unlucky = () => 0;
    let state = INITIAL_BACKOFF;
    let at = 0;
    const sent = [0];
    while (at < 60_000) {
      const [delay, next] = nextBackoff(state, { ...decorrelated, initialDelayMs: 2_000 }, unlucky);
      state = next;
      at += delay;
      if (at < 60_000) sent.push(at);
    }
    // 0, 2, 5, 9.5, 16.25, 26.4, 41.6 s: seven attempts (plain decorrelated jitter: one every 2 s, 30).
    expect(sent).toHaveLength(7);
  });

  it("reaches the cap and stays bounded by it", () => {
    const delays = run(decorrelated, 3, 200);
    expect(Math.max(...delays)).toBe(60_000);
  });
});
