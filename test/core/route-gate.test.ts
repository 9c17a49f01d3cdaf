import { describe, expect, it } from "vitest";
import { createRouteGates } from "../../src/core/booking/route-gate.ts";
import { httpError } from "../support/failures.ts";
import { createFakeClock } from "../support/fake-clock.ts";

// Two booking steps can need one route at once (the whole catalog and one region's centers). After
// a failure they must not both go out when the gate opens: the second would ignore what the first
// was told (found by the chaos run: a second GET centers at the same millisecond as a 429).

const T0 = Date.parse("2021-07-19T11:00:00.000Z");

function setUp() {
  const clock = createFakeClock(T0);
  const gates = createRouteGates(clock, () => 0);
  const passed: string[] = [];
  const controllers = new Map<string, AbortController>();
  const waitAs = (name: string) => {
    const controller = new AbortController();
    controllers.set(name, controller);
    return gates.wait("centers", controller.signal).then(
      () => void passed.push(name),
      () => void passed.push(`${name} aborted`),
    );
  };
  return { clock, gates, passed, waitAs, abort: (name: string) => controllers.get(name)?.abort() };
}

/** `callers` wait at a gate a 503 closed for `ms`; returned once that hold is over. */
async function openedAfter503(ms: number, callers: string[]) {
  const rig = setUp();
  rig.gates.failed("centers", httpError(503, "overloaded", ms));
  for (const name of callers) void rig.waitAs(name);
  await rig.clock.advance(ms);
  return rig;
}

describe("route gates after a failure", () => {
  it("let one caller through at a time; the next waits for its answer and the Retry-After it brings", async () => {
    const { clock, gates, passed } = await openedAfter503(5_000, ["first", "second"]);
    expect(passed).toEqual(["first"]);
    gates.failed("centers", httpError(429, "rate_limited", 60_000));
    await clock.advance(59_000);
    expect(passed).toEqual(["first"]);
    await clock.advance(1_000);
    expect(passed).toEqual(["first", "second"]);
  });

  it("let everyone through once the probe succeeds", async () => {
    const { clock, gates, passed } = await openedAfter503(2_000, ["first", "second", "third"]);
    expect(passed).toEqual(["first"]);
    gates.succeeded("centers");
    await clock.advance(0);
    expect(passed).toEqual(["first", "second", "third"]);
  });

  it("let the next caller go when the probe was aborted (no answer to wait for)", async () => {
    const { clock, gates, passed } = await openedAfter503(2_000, ["first", "second"]);
    gates.settled("centers");
    await clock.advance(0);
    expect(passed).toEqual(["first", "second"]);
  });

  it("never held callers without a failure, nor keep one waiting past its own abort", async () => {
    const { clock, gates, passed, waitAs, abort } = setUp();
    void waitAs("first");
    void waitAs("second");
    await clock.advance(0);
    expect(passed).toEqual(["first", "second"]);
    gates.failed("centers", httpError(503, "overloaded", 2_000));
    void waitAs("third");
    abort("third");
    await clock.advance(0);
    expect(passed).toContain("third aborted");
  });
});
