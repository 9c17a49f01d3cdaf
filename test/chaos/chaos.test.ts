import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_FAULTS, type WireRequest } from "./faults.ts";
import { T0, tooEarly, tooMany } from "./invariants.ts";
import { watchUnhandled } from "./property.ts";
import { runSchedule } from "./world.ts";

const wire = (partial: Partial<WireRequest> & { sentAt: number }): WireRequest => ({
  route: "GET status t_1",
  method: "GET",
  key: null,
  outcome: 200,
  answeredAt: partial.sentAt,
  allowedNextAt: null,
  broken: false,
  floorRoute: partial.route ?? "GET status t_1",
  fault: "",
  ...partial,
});

describe("chaos harness: the invariants can fail", () => {
  it("flags a status read sooner than an in-bound pollAfterSeconds allowed", () => {
    const problems = tooEarly([
      wire({ sentAt: T0, allowedNextAt: T0 + 30_000 }),
      wire({ sentAt: T0 + 29_999 }),
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/1 ms before an in-bound floor/);
  });

  it("flags a retry sooner than Retry-After on a POST, and not after it", () => {
    const answer = wire({ route: "POST join", sentAt: T0, outcome: 503, allowedNextAt: T0 + 60_000 });
    expect(tooEarly([answer, wire({ route: "POST join", sentAt: T0 + 10_000 })])).toHaveLength(1);
    expect(tooEarly([answer, wire({ route: "POST join", sentAt: T0 + 60_000 })])).toEqual([]);
  });

  it("excuses only a page that opened after the device clock was set forward, and only on the device clock", () => {
    // A 20-minute floor; one minute later the device clock is set forward a day.
    const floor = wire({
      route: "POST join",
      sentAt: T0,
      outcome: 503,
      allowedNextAt: T0 + 1_200_000,
      allowedNextDeviceAt: T0 + 1_200_000,
    });
    const early = (sentDeviceAt: number) => wire({ route: "POST join", sentAt: T0 + 300_000, sentDeviceAt });
    const change = T0 + 60_000;
    // A page opened after the change, past the floor on the device clock: it could not know.
    expect(
      tooEarly([floor, early(T0 + 86_700_000)], {
        forwardClockChangesAt: [change],
        pageOpensAt: [T0 + 120_000],
        storageDown: [],
      }),
    ).toEqual([]);
    // The page that was open when the clock moved (no page opened since): held to true time.
    expect(
      tooEarly([floor, early(T0 + 86_700_000)], {
        forwardClockChangesAt: [change],
        pageOpensAt: [T0],
        storageDown: [],
      }),
    ).toHaveLength(1);
    // Early even on the device clock: no excuse.
    expect(
      tooEarly([floor, early(T0 + 300_000)], {
        forwardClockChangesAt: [change],
        pageOpensAt: [T0 + 120_000],
        storageDown: [],
      }),
    ).toHaveLength(1);
    // No clock change at all: no excuse.
    expect(
      tooEarly([floor, early(T0 + 86_700_000)], {
        forwardClockChangesAt: [],
        pageOpensAt: [T0 + 120_000],
        storageDown: [],
      }),
    ).toHaveLength(1);
  });

  it("excuses a floor told while storage failed only for a page opened before it could be saved, or opened blind", () => {
    const floor = wire({ route: "POST join", sentAt: T0, outcome: 503, allowedNextAt: T0 + 1_200_000 });
    const early = wire({ route: "POST join", sentAt: T0 + 300_000 });
    const history = (pageOpensAt: number[], storageDown: Array<{ from: number; to: number | null }>) => ({
      forwardClockChangesAt: [],
      pageOpensAt,
      storageDown,
    });
    const down = [{ from: T0 - 1_000, to: T0 + 100_000 }];
    // Told while storage failed; the page reloaded before storage came back: nothing could keep it.
    expect(tooEarly([floor, early], history([T0 - 5_000, T0 + 50_000], down))).toEqual([]);
    // Reloaded well after storage came back: the app had written it again by then.
    expect(tooEarly([floor, early], history([T0 - 5_000, T0 + 150_000], down))).toHaveLength(1);
    // Storage failed only after the floor was saved, and the page then opened blind: it could not read it.
    const later = [{ from: T0 + 10_000, to: T0 + 200_000 }];
    expect(tooEarly([floor, early], history([T0 - 5_000, T0 + 50_000], later))).toEqual([]);
    // No reload at all: the page that was told is held to it.
    expect(tooEarly([floor, early], history([T0 - 5_000], down))).toHaveLength(1);
  });

  it("a floor the server has since answered past with a success no longer holds; the answer must come first", () => {
    const floor = wire({ route: "GET regions", sentAt: T0, outcome: 429, allowedNextAt: T0 + 600_000 });
    const answered = wire({ route: "GET regions", sentAt: T0 + 100_000 });
    const after = wire({ route: "GET regions", sentAt: T0 + 200_000 });
    // The request that was answered is itself too early; the one after it is not.
    expect(tooEarly([floor, answered, after])).toHaveLength(1);
    // A failed request proves nothing: both are too early.
    expect(tooEarly([floor, { ...answered, outcome: "failed" }, after])).toHaveLength(2);
  });

  it("in the same ms, only an answer that came before the request was sent holds it back", () => {
    const broken = wire({
      route: "GET centers",
      sentAt: T0,
      broken: true,
      fault: "malformed",
      sentSeq: 1,
      answeredSeq: 3,
    });
    // Sent alongside (before the answer): not a retry.
    expect(
      tooEarly([broken, wire({ route: "GET centers", sentAt: T0, sentSeq: 2, answeredSeq: 4 })]),
    ).toEqual([]);
    // Sent after the answer, in the same ms: no back-off at all.
    expect(
      tooEarly([broken, wire({ route: "GET centers", sentAt: T0, sentSeq: 5, answeredSeq: 6 })]),
    ).toHaveLength(1);
  });

  it("a floor re-saved after the clock was set back is excused for a page opened after it was set forward again", () => {
    const floor = wire({
      route: "POST identity",
      sentAt: T0,
      outcome: 429,
      allowedNextAt: T0 + 1_200_000,
      allowedNextDeviceAt: T0 + 1_200_000,
    });
    // Back a month at +100 s, forward again at +200 s, the page opened at +300 s asks at +400 s.
    const early = wire({ route: "POST identity", sentAt: T0 + 400_000, sentDeviceAt: T0 + 400_000 });
    const history = {
      forwardClockChangesAt: [T0 + 200_000],
      pageOpensAt: [T0 + 300_000],
      storageDown: [],
    };
    expect(tooEarly([floor, early], { ...history, backwardClockChangesAt: [T0 + 100_000] })).toEqual([]);
    // Without the setback, its device clock was never behind the floor's: held to it.
    expect(tooEarly([floor, early], history)).toHaveLength(1);
  });

  it("flags two status reads within a second even when no floor was given", () => {
    expect(tooEarly([wire({ sentAt: T0 }), wire({ sentAt: T0 + 999 })])).toEqual([
      "GET status twice within 999 ms",
    ]);
  });

  it("flags a retry at once after a broken (out-of-bound) answer", () => {
    const broken = wire({ sentAt: T0, broken: true, fault: "out-of-bound" });
    expect(tooEarly([broken, wire({ sentAt: T0 + 5 })]).some((p) => /after a broken answer/.test(p))).toBe(
      true,
    );
  });

  it("flags more than a handful of requests per route in a minute", () => {
    const storm = Array.from({ length: 13 }, (_, i) =>
      wire({ route: "GET regions", sentAt: T0 + i * 4_000 }),
    );
    expect(tooMany(storm)).toEqual(["GET regions: 13 requests within 48000 ms"]);
  });
});

describe("chaos harness: the real core on the mock model", () => {
  let unwatch: () => void = () => {};
  beforeAll(() => {
    unwatch = watchUnhandled();
  });
  afterAll(() => unwatch());

  it("a calm world: join, wait, admission, booking, one confirmed reservation, no violation", async () => {
    const result = await runSchedule({
      seed: 1,
      rates: NO_FAULTS,
      retryAfterKinds: ["in-bound"],
      initialSkewMs: 0,
      faultsForMs: 60_000,
      events: [],
    });
    expect(result.violations).toEqual([]);
    expect(result.end).toBe("admitted/done");
    expect(result.log.filter((l) => / POST reservations .* 201 /.test(l))).toHaveLength(1);
  });

  it("a faulty proxy is seen: a 503 with a long Retry-After is recorded as the floor it sets", async () => {
    const result = await runSchedule({
      seed: 3,
      rates: { ...NO_FAULTS, refuse: 1 },
      retryAfterKinds: ["in-bound"],
      initialSkewMs: 0,
      faultsForMs: 30_000,
      events: [],
    });
    expect(
      result.log.some((l) => /POST join .*→ (429|503) .*\[(429|503) retry-after in-bound\] next≥/.test(l)),
    ).toBe(true);
  });

  // Shrunk schedules from `npm run test:chaos -- --runs=1000 --seed=7` (2026-12-01): storage fails as a
  // second tab opens and taps Join while the first holds a place.
  it.each([
    ["the leader's re-read on the failed store keeps its place", 10_734, 1_000],
    ["the new tab learns of the leader's place before its join goes out", 38_162, 2_529],
  ])("storage down as a second tab opens: %s (one ticket)", async (_name, at, ms) => {
    const result = await runSchedule({
      seed: 1,
      rates: NO_FAULTS,
      retryAfterKinds: ["in-bound"],
      initialSkewMs: 0,
      faultsForMs: 103_273,
      events: [
        { at, kind: "second-tab", ms },
        { at, kind: "storage", ms: 221_782 },
      ],
    });
    expect(result.violations).toEqual([]);
    expect(result.log.filter((l) => / POST join .* 201 /.test(l))).toHaveLength(1);
  });
});
