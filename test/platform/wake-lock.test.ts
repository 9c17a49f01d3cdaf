import { describe, expect, it } from "vitest";
import { createKeepAwake } from "../../src/platform/wake-lock.ts";

function setup(supported = true) {
  const log: string[] = [];
  const doc = Object.assign(new EventTarget(), { visibilityState: "visible" as DocumentVisibilityState });
  let n = 0;
  const keep = createKeepAwake({
    request: supported
      ? async () => {
          const id = ++n;
          log.push(`acquire ${id}`);
          return {
            release: async () => {
              log.push(`release ${id}`);
            },
          };
        }
      : null,
    document: doc as unknown as Document,
  });
  const flush = () => new Promise((r) => setTimeout(r, 0));
  const show = async (state: DocumentVisibilityState) => {
    doc.visibilityState = state;
    doc.dispatchEvent(new Event("visibilitychange"));
    await flush();
  };
  return { keep, log, flush, show };
}

describe("keep the screen on while waiting (Screen Wake Lock)", () => {
  it("holds the lock while wanted, asks again when the page is visible again, and releases at the end", async () => {
    const { keep, log, flush, show } = setup();
    keep.set(true);
    await flush();
    keep.set(true);
    await flush();
    expect(log).toEqual(["acquire 1"]);
    await show("hidden"); // the browser released it
    await show("visible");
    expect(log).toEqual(["acquire 1", "acquire 2"]);
    keep.set(false); // left, booked, or an end state
    await flush();
    expect(log).toEqual(["acquire 1", "acquire 2", "release 2"]);
    await show("hidden");
    await show("visible");
    expect(log).toHaveLength(3);
  });

  it("is not offered where the browser has no wake lock, and never throws there", async () => {
    const { keep, log, flush } = setup(false);
    expect(keep.supported).toBe(false);
    keep.set(true);
    await flush();
    expect(log).toEqual([]);
  });
});
