import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chaosProperty, describeFailure, watchUnhandled } from "./property.ts";

/** Schedules per run (issue 8: at least 500 in `npm test`); `npm run test:chaos` runs 10 000. */
const RUNS = 500;

describe("chaos: random fault schedules over the real core", () => {
  let unwatch: () => void = () => {};
  beforeAll(() => {
    unwatch = watchUnhandled();
  });
  afterAll(() => unwatch());

  it(`${RUNS} random fault schedules keep every promise`, async () => {
    const details = await fc.check(chaosProperty(), { numRuns: RUNS });
    expect(details.failed, details.failed ? describeFailure(details) : "").toBe(false);
  }, 300_000);
});
