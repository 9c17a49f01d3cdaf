/**
 * What each way of hearing the turn costs and how fast it is, for ONE real queue client (real core,
 * real API client, the mock model on the fake clock) through the ~25-minute opening-surge wait.
 *
 *   npm run bench:alerts [-- --seeds 8]
 *
 * Modes: a visible page against a server that holds reads (Prefer: wait) and one that ignores it;
 * a hidden page with push on (the model's push is delivered 1 s after it is due, and the service
 * worker's message wakes the page); a hidden page without push under Chrome's intensive throttling
 * (after 5 minutes hidden, timers fire only on whole minutes). Prints a table and writes
 * bench/results/turn-alerts.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import type { Clock } from "../src/core/clock/types.ts";
import { createHarness, type Harness } from "../test/support/queue-harness.ts";

const EVENT = "c55-59";
const MINUTE = 60_000;
const WINDOW_MS = 10 * MINUTE;
/** Time a push takes through a push service to the phone (a typical figure; FCM is often faster). */
const PUSH_DELIVERY_MS = 1_000;
/** Chrome: a page hidden this long has its timers aligned to whole minutes (intensive throttling). */
const THROTTLE_AFTER_MS = 5 * MINUTE;

export type Mode = "visible-held" | "visible-polling" | "hidden-push" | "hidden-throttled";
export const MODES: Mode[] = ["visible-held", "visible-polling", "hidden-push", "hidden-throttled"];

export interface RunResult {
  mode: Mode;
  seed: number;
  waitMinutes: number;
  statusReads: number;
  readsPerWaitingHour: number;
  pushes: number;
  /** From the admission to the page showing it. */
  noticeMs: number;
}

/** A device clock whose timers, once the page has been hidden 5 minutes, fire only on whole minutes. */
function throttled(clock: Clock, hiddenSince: number): Clock {
  return {
    ...clock,
    now: () => clock.now(),
    monotonic: () => clock.monotonic(),
    setTimeout(fn, ms) {
      const at = clock.now() + Number(ms);
      const limitedFrom = hiddenSince + THROTTLE_AFTER_MS;
      const aligned = at < limitedFrom ? at : Math.ceil(at / MINUTE) * MINUTE;
      return clock.setTimeout(fn, Math.max(0, aligned - clock.now()) as typeof ms);
    },
  };
}

export async function runMode(mode: Mode, seed: number): Promise<RunResult> {
  const h: Harness = createHarness({ scenario: "opening-surge", seed });
  if (mode !== "visible-held") h.backend.faults.configure({ ignoresPrefer: true });
  const start = h.clock.trueNow();
  const extra = mode === "hidden-throttled" ? { clock: throttled(h.clock, start) } : {};
  const { client } = h.newClient(extra);
  let noticedAt: number | null = null;
  let admittedAt: number | null = null;
  client.subscribe((view) => {
    if (view.phase !== "admitted" || noticedAt !== null) return;
    noticedAt = h.clock.trueNow();
    admittedAt = Date.parse(view.admission?.expiresAt ?? "") - WINDOW_MS;
  });
  const hidden = mode.startsWith("hidden");
  client.setVisible(!hidden);
  await client.join(EVENT);
  let pushes = 0;
  if (mode === "hidden-push") {
    await h.runUntil(() => client.liveTicket() !== null, MINUTE);
    const ticket = client.liveTicket();
    if (!ticket) throw new Error("no ticket after join");
    await h.backend.handle({
      method: "PUT",
      url: `/api/v1/events/${EVENT}/tickets/${ticket.ticketId}/push`,
      headers: { authorization: `Bearer ${ticket.token}`, "content-type": "application/json" },
      body: JSON.stringify({
        subscription: { endpoint: "https://push.test/x", keys: { p256dh: "BKEY", auth: "AUTH" } },
        lang: "en",
      }),
    });
    client.setPush(true);
  }
  const deadline = h.clock.trueNow() + 90 * MINUTE;
  while (noticedAt === null && h.clock.trueNow() < deadline) {
    if (mode === "hidden-push") {
      for (const message of await h.backend.takeDuePush()) {
        pushes++;
        // The service worker forwards the push to the page, which reads its status (src/app/wire-push.ts).
        if (message.payload.type === "admitted")
          h.clock.setTimeout(() => client.wake(), PUSH_DELIVERY_MS as never);
      }
    }
    const next = h.clock.nextTimerAt();
    if (next === null) await h.clock.advance(1_000);
    else if (mode === "hidden-push")
      await h.clock.advance(Math.min(1_000, Math.max(0, next - h.clock.trueNow())));
    else await h.clock.step();
  }
  client.stop();
  const reads = h.byRoute("GET status").length;
  const waitMs = (admittedAt ?? h.clock.trueNow()) - start;
  return {
    mode,
    seed,
    waitMinutes: Math.round(waitMs / 6_000) / 10,
    statusReads: reads,
    readsPerWaitingHour: Math.round((reads / (waitMs / 3_600_000)) * 10) / 10,
    pushes,
    noticeMs: noticedAt === null || admittedAt === null ? Number.NaN : noticedAt - admittedAt,
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

export async function summarize(seeds: number) {
  const rows = [];
  for (const mode of MODES) {
    const runs: RunResult[] = [];
    for (let seed = 1; seed <= seeds; seed++) runs.push(await runMode(mode, seed));
    rows.push({
      mode,
      runs: runs.length,
      "wait min (median)": median(runs.map((r) => r.waitMinutes)),
      "reads per waiting hour (median)": median(runs.map((r) => r.readsPerWaitingHour)),
      "reads in all (median)": median(runs.map((r) => r.statusReads)),
      "pushes (median)": median(runs.map((r) => r.pushes)),
      "notice s (median)": Math.round(median(runs.map((r) => r.noticeMs)) / 100) / 10,
      "notice s (max)": Math.round(Math.max(...runs.map((r) => r.noticeMs)) / 100) / 10,
    });
  }
  return rows;
}

if (process.argv[1]?.endsWith("turn-alerts.ts")) {
  if (process.argv.includes("--help")) {
    console.log("npm run bench:alerts [-- --seeds N]   (default 8 seeds per mode)");
    process.exit(0);
  }
  const i = process.argv.indexOf("--seeds");
  const seeds = i >= 0 ? Math.max(1, Number(process.argv[i + 1]) || 8) : 8;
  const rows = await summarize(seeds);
  console.table(rows);
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/turn-alerts.json", `${JSON.stringify({ seeds, rows }, null, 2)}\n`);
}
