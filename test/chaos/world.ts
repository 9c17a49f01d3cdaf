/**
 * One schedule, run: the REAL core (API client, server clock, queue client,
 * booking client) against the mock model on the fake clock, through the chaos
 * fetch, with a store that can fail, tabs, reloads and a user who taps
 * through Join → wait → booking → confirm. Returns every broken promise.
 */
import { createApiClient } from "../../src/core/api/client.ts";
import type { FetchLike, ResponseLike } from "../../src/core/api/fetch-like.ts";
import type { ApiClient } from "../../src/core/api/types.ts";
import { createBookingClient } from "../../src/core/booking/client.ts";
import type { BookingClient } from "../../src/core/booking/types.ts";
import { createServerClock } from "../../src/core/clock/server-clock.ts";
import { createQueueClient } from "../../src/core/queue/client.ts";
import type { QueueClient } from "../../src/core/queue/types.ts";
import { createMemoryStore } from "../../src/core/store/memory-store.ts";
import { failingStore } from "../support/failing-store.ts";
import { createFakeClock } from "../support/fake-clock.ts";
import { createTabsBus } from "../support/fake-tabs.ts";
import { createModelOnFakeClock } from "../support/model-on-fake-clock.ts";
import { seededIds, seededRandom } from "../support/seeded.ts";
import { createChaosFetch } from "./faults.ts";
import { T0, tooEarly, tooMany } from "./invariants.ts";
import type { ChaosEvent, Schedule } from "./schedule.ts";

const EVENT_ID = "c55-59";
/** Born 1964: in the 55-59 cohort of the calm scenario's open event. */
const PERSON = { name: "홍길동", birthDate: "1964-03-02", phone: "010-1234-5678" };
/** After the faults stop, long enough for any in-bound Retry-After (1 h) and a booking to finish. */
const QUIET_MS = 75 * 60_000;
/** The user thinks this long between taps. */
const THINK_MS = 8_000;
/** A run that needs more steps than this is a storm in itself. */
const MAX_STEPS = 20_000;

export interface RunResult {
  violations: string[];
  /** How the run ended, for the statistics. */
  end: string;
  requests: number;
  /** Tickets the server made for this person. */
  tickets: number;
  /** The wire log and the events as they happened, for a replay to print. */
  log: string[];
}

/** Unhandled rejections land here while a schedule runs (the runner installs the listener). */
export const unhandled: unknown[] = [];

interface Page {
  /** Its first read of the store failed: it never saw what the device holds (a private window's view). */
  blind: boolean;
  queue: QueueClient;
  booking: BookingClient | null;
  /** What this page's booking client is made from, when the user gets there. */
  deps: Parameters<typeof createBookingClient>[0];
  close(): void;
}

const END_QUEUE = new Set(["expired", "left", "closed", "rejected"]);
const END_BOOKING = new Set(["done", "expired", "ineligible"]);

export async function runSchedule(schedule: Schedule): Promise<RunResult> {
  unhandled.length = 0;
  const violations: string[] = [];
  const violate = (message: string) => {
    if (!violations.includes(message)) violations.push(message);
  };
  const clock = createFakeClock(T0, schedule.initialSkewMs);
  const { backend, modelFetch } = createModelOnFakeClock(clock, {
    scenario: "calm",
    seed: schedule.seed,
    speed: 1,
    // More event-loop turns between timers, so a replay takes the same path as the run that found it.
    flushTurns: 8,
  });
  const baseline = backend.inspect();
  const wireFetch: FetchLike = (url, init) =>
    modelFetch(url, init as RequestInit) as unknown as Promise<ResponseLike>;
  const dice = seededRandom(schedule.seed ^ 0x5eed);
  const chaos = createChaosFetch(clock, wireFetch, schedule.rates, dice, schedule.retryAfterKinds);
  const realStore = createMemoryStore();
  let storageDown = 0;
  const store = failingStore(realStore, () => storageDown > 0);
  const tabs = createTabsBus();
  const apis: ApiClient[] = [];
  let clientSeed = schedule.seed;
  let online = true;
  let visible = true;

  const history = {
    forwardClockChangesAt: [] as number[],
    backwardClockChangesAt: [] as number[],
    pageOpensAt: [] as number[],
    pageClosesAt: [] as number[],
    storageDown: [] as Array<{ from: number; to: number | null }>,
  };
  const setStorageDown = (down: number) => {
    if (storageDown === 0 && down > 0) history.storageDown.push({ from: clock.trueNow(), to: null });
    const last = history.storageDown.at(-1);
    if (storageDown > 0 && down === 0 && last) last.to = clock.trueNow();
    storageDown = down;
  };
  let skewMs = schedule.initialSkewMs;
  const openPage = (): Page => {
    history.pageOpensAt.push(clock.trueNow());
    const serverClock = createServerClock(clock);
    const api = createApiClient({ fetch: chaos.fetch, clock, onClockSample: serverClock.observe });
    apis.push(api);
    const random = seededRandom(++clientSeed);
    const port = tabs.open();
    let calls = 0;
    let blind = false;
    const pageStore = failingStore(
      store,
      () => storageDown > 0,
      (failed) => {
        if (calls++ === 0) blind = failed;
      },
    );
    const deps = { api, store: pageStore, clock, serverClock, random, newId: seededIds(random) };
    const queue = createQueueClient({ ...deps, tabs: port });
    queue.setOnline(online);
    queue.setVisible(visible);
    const page: Page = {
      get blind() {
        return blind;
      },
      queue,
      booking: null,
      deps,
      close() {
        history.pageClosesAt.push(clock.trueNow());
        queue.stop();
        page.booking?.stop();
        port.close();
      },
    };
    return page;
  };
  const bookingOf = (page: Page): BookingClient => {
    if (!page.booking) {
      // The booking client reads the saved draft (and its floors, in device time) as it starts: for the
      // invariants, a reader that opens now, like a page.
      history.pageOpensAt.push(clock.trueNow());
      page.booking = createBookingClient(page.deps);
      page.booking.setOnline(online);
    }
    return page.booking;
  };
  const pages = new Set<Page>();

  // --- the user on the main page ---------------------------------------------------------
  let main = openPage();
  pages.add(main);
  let pending: Promise<void> | null = null;
  let userWakeAt = clock.trueNow();
  let bookingStartedOn: Page | null = null;
  let intents = 1;
  let reserved = false;
  let everEnded = false;
  let storedRecord = false;
  /** A second tab's join counted as a new intent, and no place has shown up since. */
  let openIntent = false;
  const tap = (work: Promise<void>) => {
    const p = work
      .catch(() => {
        // An intent that rejects is shown as a notice by the UI; not itself a broken promise here.
      })
      .finally(() => {
        if (pending === p) pending = null;
      });
    pending = p;
    userWakeAt = clock.trueNow() + THINK_MS;
  };
  const userAct = () => {
    if (pending || clock.trueNow() < userWakeAt) return;
    const q = main.queue.getView();
    if (q.phase === "idle") {
      // A person with a reservation, or whose ticket ended, does not line up again (the app only offers it).
      if (reserved || everEnded) {
        userWakeAt = clock.trueNow() + 4 * THINK_MS;
        return;
      }
      // A tap on an empty device is a new join intent; a tap while the device holds a ticket is not,
      // unless this page opened while storage was failing: like a private window, it cannot see the
      // ticket (it says so: storage_unavailable), and no client could tell the two apart.
      if (!storedRecord || main.blind) intents++;
      return tap(main.queue.join(EVENT_ID));
    }
    if (END_QUEUE.has(q.phase)) everEnded = true;
    if (q.phase === "admitted" && q.admission && bookingStartedOn !== main) {
      bookingStartedOn = main;
      return tap(bookingOf(main).start(q.admission, q.eventId ?? EVENT_ID));
    }
    const booking = main.booking;
    if (!booking || bookingStartedOn !== main || booking.getView().busy) {
      userWakeAt = clock.trueNow() + THINK_MS;
      return;
    }
    const b = booking.getView();
    switch (b.step) {
      case "identity":
        booking.setIdentity(PERSON);
        return tap(booking.submitIdentity());
      case "center": {
        const center = b.centerMatches[0];
        return tap(center && b.regionCode ? booking.chooseCenter(center.id) : booking.chooseRegion("11"));
      }
      case "slot": {
        const slot = b.slots?.find((s) => s.remaining > 0);
        return tap(slot ? booking.chooseSlot(slot.date, slot.time) : booking.loadSlots());
      }
      case "confirm":
        return tap(booking.confirm());
      default:
        // Nothing to tap: look again later.
        userWakeAt = clock.trueNow() + 4 * THINK_MS;
        return;
    }
  };

  // --- the world's events --------------------------------------------------------------
  type Timed = { at: number; run: () => void };
  const timeline: Timed[] = [];
  const log: string[] = [];
  const add = (at: number, label: string, run: () => void) =>
    timeline.push({
      at: T0 + at,
      run: () => {
        log.push(`+${clock.trueNow() - T0} ${label}`);
        run();
      },
    });
  const reload = () => {
    main.close();
    pages.delete(main);
    main = openPage();
    pages.add(main);
    bookingStartedOn = null;
    pending = null;
    tap(main.queue.resume());
  };
  let frozenUntil = 0;
  const schedEvent = (e: ChaosEvent) => {
    switch (e.kind) {
      case "reload":
        return add(e.at, JSON.stringify(e), () => {
          if (frozenUntil === 0) reload();
        });
      case "gap":
        return add(e.at, JSON.stringify(e), () => {
          // Nothing runs while the phone is off: close every page, come back after the gap.
          for (const page of pages) page.close();
          pages.clear();
          frozenUntil = clock.trueNow() + e.ms;
        });
      case "second-tab":
        return add(e.at, JSON.stringify(e), () => {
          if (frozenUntil !== 0) return;
          const page = openPage();
          pages.add(page);
          // The same person taps Join in the second tab while the first still waits (one intent); once the
          // first has ended or booked, Join would be a new intent, so the tab only resumes.
          const live =
            !reserved && !everEnded && !(admissionSeen && clock.trueNow() >= admissionSeen.expiresAt);
          // Nothing on the device shows a place (the main page is empty or shows its ticket ended, and the
          // store holds none, or that page could not read it): like a tap on the main page, a new intent.
          // Tabs opened together count once, until a place shows up.
          const shown = main.queue.getView().phase;
          const empty = shown === "idle" || END_QUEUE.has(shown);
          if (live && !openIntent && empty && (!storedRecord || main.blind)) {
            intents++;
            openIntent = true;
          }
          (live ? page.queue.join(EVENT_ID) : page.queue.resume()).catch(() => {});
          add(e.at + e.ms, `${e.kind} ends`, () => {
            page.close();
            pages.delete(page);
          });
        });
      case "clock-jump":
        return add(e.at, JSON.stringify(e), () => {
          if (e.skewMs > skewMs) history.forwardClockChangesAt.push(clock.trueNow());
          if (e.skewMs < skewMs) history.backwardClockChangesAt.push(clock.trueNow());
          skewMs = e.skewMs;
          clock.setSkew(e.skewMs);
        });
      case "outage":
        add(e.at, JSON.stringify(e), () => chaos.setOutage(true));
        return add(e.at + e.ms, `${e.kind} ends`, () => chaos.setOutage(false));
      case "storage":
        add(e.at, JSON.stringify(e), () => setStorageDown(storageDown + 1));
        return add(e.at + e.ms, `${e.kind} ends`, () => setStorageDown(Math.max(0, storageDown - 1)));
      case "offline":
        add(e.at, JSON.stringify(e), () => {
          online = false;
          chaos.setOutage(true);
          for (const page of pages) {
            page.queue.setOnline(false);
            page.booking?.setOnline(false);
          }
        });
        return add(e.at + e.ms, `${e.kind} ends`, () => {
          online = true;
          chaos.setOutage(false);
          for (const page of pages) {
            page.queue.setOnline(true);
            page.booking?.setOnline(true);
          }
        });
      case "hidden":
        add(e.at, JSON.stringify(e), () => {
          visible = false;
          for (const page of pages) page.queue.setVisible(false);
        });
        return add(e.at + e.ms, `${e.kind} ends`, () => {
          visible = true;
          for (const page of pages) page.queue.setVisible(true);
        });
    }
  };
  for (const e of schedule.events) schedEvent(e);
  const calmAt = T0 + schedule.faultsForMs;
  add(schedule.faultsForMs, "faults stop", () => {
    // The storm is over: every fault off, storage back, online and visible.
    chaos.setEnabled(false);
    chaos.setOutage(false);
    setStorageDown(0);
    online = true;
    visible = true;
    for (const page of pages) {
      page.queue.setOnline(true);
      page.queue.setVisible(true);
      page.booking?.setOnline(true);
    }
  });

  // --- the place and the admission in the store ----------------------------------------
  // The place counts while its ticket is live: not ended, and no reservation made with it yet.
  let livePlace: string | null = null;
  let admissionSeen: { token: string; expiresAt: number } | null = null;
  const checkStore = async () => {
    const ticket = await realStore.getTicket(EVENT_ID);
    const now = clock.trueNow();
    // Only a live ticket: after one ended (even unseen, say while the user was busy booking), a tap is a new intent.
    storedRecord = ticket !== null && ticket.ended === null;
    if (storedRecord) openIntent = false;
    reserved ||= (await realStore.listReservations()).length > 0;
    const admissionOver = admissionSeen !== null && now >= admissionSeen.expiresAt;
    if (livePlace !== null && !reserved && !admissionOver && ticket?.ticketId !== livePlace)
      violate(`place lost from the store (ticket ${ticket?.ticketId ?? "none"} instead of the saved one)`);
    livePlace = ticket?.ticketId && !ticket.ended && !reserved && !admissionOver ? ticket.ticketId : null;
    // A used admission's token is gone from the store (privacy): only a live one is tracked.
    if (ticket?.admission?.token) {
      const expiresAt = Date.parse(ticket.admission.expiresAt);
      if (expiresAt > now && admissionSeen?.token !== ticket.admission.token)
        admissionSeen = { token: ticket.admission.token, expiresAt };
    }
    if (
      admissionSeen &&
      now < admissionSeen.expiresAt - 1_000 &&
      ticket?.admission?.token !== admissionSeen.token
    ) {
      const draft = await realStore.getDraft();
      if (draft?.admission.token !== admissionSeen.token && !reserved)
        violate("a valid unexpired admission was lost from the store");
    }
  };

  // --- run -----------------------------------------------------------------------------
  const endAt = calmAt + QUIET_MS;
  tap(main.queue.join(EVENT_ID));
  const ended = () => {
    const q = main.queue.getView();
    const b = main.booking?.getView();
    // A page opened after the ticket ended shows no ticket (the app offers a new join): also an end,
    // as long as the store holds no live place that the page failed to pick up.
    const endedBeforeReload = q.phase === "idle" && everEnded && livePlace === null;
    return (
      reserved || endedBeforeReload || END_QUEUE.has(q.phase) || (b !== undefined && END_BOOKING.has(b.step))
    );
  };
  let steps = 0;
  for (;;) {
    const now = clock.trueNow();
    timeline.sort((a, b) => a.at - b.at);
    // Events (a second tab's Join) act on what the device holds now.
    if (timeline.length > 0 && (timeline[0] as Timed).at <= now) await checkStore();
    while (timeline.length > 0 && (timeline[0] as Timed).at <= now) (timeline.shift() as Timed).run();
    if (frozenUntil > 0 && now >= frozenUntil) {
      frozenUntil = 0;
      reload();
    }
    // The user acts on what the device holds now (a ticket may have ended in this very step).
    await checkStore();
    if (frozenUntil === 0) userAct();
    await checkStore();
    if (now >= endAt || (now >= calmAt && ended() && !pending)) break;
    if (++steps > MAX_STEPS) {
      violate(`no end after ${MAX_STEPS} steps (a storm of timers or requests)`);
      break;
    }
    const nextTimer = clock.nextTimerAt();
    // The user looks again after thinking, or a second after an intent settles.
    const userLooks = frozenUntil ? undefined : pending ? Math.max(userWakeAt, now + 1_000) : userWakeAt;
    const candidates = [timeline[0]?.at, frozenUntil || undefined, userLooks, endAt];
    const target = Math.min(...candidates.filter((t): t is number => t !== undefined && t > now));
    // Settling may re-arm the next timer later than the next event: then the event goes first.
    if (nextTimer !== null && nextTimer <= target) await clock.step(target);
    else await clock.advance(target - now);
  }

  // --- verdict -------------------------------------------------------------------------
  const finalView = main.queue.getView();
  const bookingStep = main.booking?.getView().step ?? "none";
  const armed = clock.pendingTimers() > 0 || chaos.inFlight() > 0 || pending !== null;
  if (!ended() && !armed)
    violate(
      `stuck: queue "${finalView.phase}", booking "${bookingStep}" with no timer armed and nothing in flight`,
    );
  const model = backend.inspect();
  if (model.tickets - baseline.tickets > intents)
    violate(`${model.tickets - baseline.tickets} tickets for ${intents} join intent(s)`);
  if (model.reservations - baseline.reservations > 1)
    violate(`${model.reservations - baseline.reservations} reservations for one person`);
  for (const problem of tooEarly(chaos.wire, history)) violate(`too early: ${problem}`);
  for (const problem of tooMany(chaos.wire)) violate(`too many: ${problem}`);
  const holds = apis.reduce(
    (sum, api) => sum + ((api as ApiClient & { governorHolds?: () => number }).governorHolds?.() ?? 0),
    0,
  );
  if (holds > 0) violate(`the governor held ${holds} requests`);
  for (const reason of unhandled) violate(`unhandled rejection: ${String(reason).slice(0, 160)}`);
  for (const page of pages) page.close();
  return {
    violations: violations.map((v) => v.replace(/\s+/g, " ")),
    end: `${finalView.phase}/${bookingStep}`,
    requests: chaos.wire.length,
    tickets: model.tickets - baseline.tickets,
    log: [
      ...log,
      ...chaos.wire.map(
        (r) =>
          `+${r.sentAt - T0} ${r.route} key=${r.key?.slice(0, 8) ?? "-"} → ${r.outcome} at +${(r.answeredAt ?? T0) - T0}${r.fault ? ` [${r.fault}]` : ""}${r.allowedNextAt ? ` next≥+${r.allowedNextAt - T0}` : ""}`,
      ),
    ].sort((a, b) => Number(a.split(" ")[0]) - Number(b.split(" ")[0])),
  };
}
