import type { ApiClient } from "../api/types.ts";
import { type Cancel, later } from "../clock/timer.ts";
import type { Clock, IdFactory, Random, ServerClock } from "../clock/types.ts";
import { createMemoryStore } from "../store/memory-store.ts";
import type { Store, TicketRecord } from "../store/types.ts";
import {
  type Ctx,
  type Effect,
  initialState,
  isActive,
  type MachineState,
  type Op,
  type QueueEvent,
  type Request,
  reduce,
  wakeAt,
} from "./machine.ts";
import { recoverFromCrash } from "./machine-failures.ts";
import { leaderHolds, otherTabJoining, pendingJoin } from "./machine-status.ts";
import { projectPosition } from "./projection.ts";
import { HELD_READ_TIMEOUT_MS, HELD_READ_WAIT_S } from "./schedule.ts";
import { admittedThere, putUnlessAnotherPlace, ticketedThere } from "./store-guards.ts";
import {
  type AdmittedAlert,
  type QueueClient,
  QueueLeaveError,
  type QueueView,
  type TabsPort,
} from "./types.ts";
import { ownView, toView } from "./view.ts";

export interface QueueClientOptions {
  api: ApiClient;
  store: Store;
  clock: Clock;
  /** Fed by the api client's clock samples; every countdown uses it. */
  serverClock: ServerClock;
  random: Random;
  /** Makes the join's Idempotency-Key. */
  newId: IdFactory;
  /** One poller per device; without it this client is always the leader. */
  tabs?: TabsPort;
  /** Your-turn alert, once per admission. */
  onAdmitted?: AdmittedAlert;
  /** Per-request timeout (default: the api client's). */
  timeoutMs?: number;
  /** Where to keep going when the store fails (default: a fresh memory store). */
  fallbackStore?: () => Store;
}

/** The device clock falling this far behind the monotonic clock while we waited means it was set back. */
const CLOCK_JUMP_TOLERANCE_MS = 1_000;
/** A timer firing this little early is on time (platforms round); more than this, it waits the rest. */
const EARLY_TOLERANCE_MS = 1;

/**
 * A follower tab that has not heard the leader yet waits this long for its answer before a join: the
 * leader may hold a place its store could not keep (storage failed), which only its view can show.
 */
const LEADER_ANSWER_MS = 300;

/** How often a write the device's store refused is tried again (see saveAgainLater). */
const DURABLE_RETRY_MS = 2_000;

/** After a throw that even recovery could not handle: try again this much later. */
const CRASH_RETRY_MS = 60_000;

/** Intents a follower tab announces to the leader by publishing its view afterwards. */
const PUBLISHED_BY_FOLLOWER = new Set<QueueEvent["type"]>([
  "join",
  "joined",
  "leave",
  "left",
  "moved",
  "admission_used",
  "dismiss",
  // A failure's floor (Retry-After, backoff) reaches the leader, which may send this join after a grace.
  "failed",
]);

/**
 * The runner around the pure reducer (./machine.ts): feeds it events one at a
 * time, performs its effects in order (store writes are awaited before the
 * view changes or a request goes out — that is the durable-ticket and
 * bounce guarantee), keeps one timer armed for the next wake-up, and turns
 * request outcomes back into events.
 */
export function createQueueClient(options: QueueClientOptions): QueueClient {
  const { api, clock, serverClock, random, newId, tabs, onAdmitted } = options;
  let store = options.store;
  let state: MachineState = initialState(tabs ? tabs.isLeader() : true);
  state = { ...state, durable: store.durable };
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;
  let timer: { cancel: Cancel; at: number } | null = null;
  let lastViewJson = "";
  let publishedAsLeader = false;
  /** The last error caught inside the runner, and the last failure of a DELETE, for leave()'s rejection. */
  let lastCrash: unknown;
  let lastLeaveFailure: unknown;
  let view: QueueView;
  const listeners = new Set<(view: QueueView) => void>();
  const controllers = new Map<string, AbortController>();
  const unsubscribers: Array<() => void> = [];

  const ctx = (): Ctx => ({
    now: clock.now(),
    serverNow: serverClock.serverNow(),
    random,
    mono: clock.monotonic(),
    serverTimeKnown: serverClock.synced?.() ?? true,
  });

  const fallBackToMemory = async (): Promise<void> => {
    if (!state.storageFailed) {
      store = options.fallbackStore?.() ?? createMemoryStore();
      state = reduce(state, { type: "storage_failed" }, ctx()).state;
      // What this tab holds goes along: a re-read from memory (another tab's news) must not say "no ticket".
      if (state.record) await store.putTicket(state.record).catch(() => undefined);
    }
  };

  /** Runs a store operation; on failure switches to memory and runs it there. */
  async function withStore<T>(op: (s: Store) => Promise<T>): Promise<T> {
    try {
      return await op(store);
    } catch {
      await fallBackToMemory();
      return op(store);
    }
  }

  /**
   * After a failure we run on memory, but keep writing through to the device's store as well (best
   * effort): when it works again, a reload finds the place and the server's latest floor there, not
   * what it held when it failed.
   */
  async function alsoDurable(op: (s: Store) => Promise<void>): Promise<void> {
    if (store === options.store) return;
    try {
      await op(options.store);
      unsaved?.();
      unsaved = null;
    } catch {
      saveAgainLater();
    }
  }

  /**
   * A write the device's store refused is tried again every DURABLE_RETRY_MS until one lands (storage
   * often comes back), so a reload soon after finds the latest floor rather than the one saved before.
   */
  let unsaved: Cancel | null = null;
  function saveAgainLater(): void {
    if (unsaved || stopped) return;
    unsaved = later(clock, DURABLE_RETRY_MS, () => {
      unsaved = null;
      void inChain(async () => {
        const record = state.record;
        if (record) await alsoDurable(putUnlessAnotherPlace(record));
      });
    });
  }

  const dispatch = (event: QueueEvent): Promise<void> => {
    const run = chain.then(() => process(event));
    chain = run.catch(() => {});
    return run;
  };

  async function process(event: QueueEvent): Promise<void> {
    if (stopped) return;
    try {
      const transition = reduce(state, event, ctx());
      state = transition.state;
      let alerts = 0;
      for (const effect of transition.effects) alerts += await perform(effect);
      render(PUBLISHED_BY_FOLLOWER.has(event.type));
      if (event.type === "remote_view" && holdsSmallerJoinKey(event.view))
        tabs?.publish(ownView(state, ctx()));
      for (let i = 0; i < alerts; i++) onAdmitted?.(view);
    } catch (error) {
      // A bug (a store that throws twice, a reducer throw) must not stop
      // polling with nothing on screen, nor become an unhandled rejection.
      if (!crashed(error)) return;
    }
    arm();
  }

  /**
   * Another tab is about to join with a larger key than this tab's unsent one: it opened after this
   * tab published (a new tab hears only the leader), so it is told again, and both send the smaller.
   */
  function holdsSmallerJoinKey(remote: QueueView): boolean {
    const mine = state.record;
    return (
      state.joinUnsent &&
      mine !== null &&
      mine.ticketId === null &&
      remote.phase === "joining" &&
      remote.eventId === mine.eventId &&
      typeof remote.joinKey === "string" &&
      mine.joinKey < remote.joinKey
    );
  }

  /** Recovers from a throw inside process(); false when even that failed (a plain tick is then armed). */
  function crashed(error: unknown): boolean {
    lastCrash = error;
    try {
      state = recoverFromCrash(state, [...controllers.keys()] as Op[], ctx());
      render(false);
      return true;
    } catch {
      timer?.cancel();
      // NaN: the next arm() replaces this timer with whatever the state then plans.
      timer = { cancel: later(clock, CRASH_RETRY_MS, () => void dispatch({ type: "tick" })), at: Number.NaN };
      return false;
    }
  }

  /** Returns 1 for an alert, to be raised once the view shows the admission. */
  async function perform(effect: Effect): Promise<number> {
    switch (effect.type) {
      case "save":
        // A join still pending in this tab never replaces the ticket another tab already got with the
        // same key, nor does a join's answer replace that ticket admitted (it would lose the place or the
        // admission): this tab reads the stored one instead.
        if (effect.record.ticketId === null || effect.joined) {
          const there = await withStore((s) => s.getTicket(effect.record.eventId));
          const pending = effect.record.ticketId === null && ticketedThere(there, effect.record);
          if (pending || (effect.joined && admittedThere(there, effect.record))) {
            void reload();
            return 0;
          }
        }
        await withStore((s) => s.putTicket(effect.record));
        await alsoDurable(putUnlessAnotherPlace(effect.record));
        return 0;
      case "delete":
        await withStore((s) => s.deleteTicket(effect.eventId));
        return 0;
      case "request":
        send(effect.request);
        return 0;
      case "alert":
        return 1;
      case "reload":
        void reload(effect.joinGraceMs);
        return 0;
    }
  }

  function send(request: Request): void {
    const controller = new AbortController();
    controllers.set(request.op, controller);
    const call = {
      signal: controller.signal,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    };
    let outcome: Promise<QueueEvent>;
    const sentMono = clock.monotonic();
    switch (request.op) {
      case "join":
        outcome = api
          .joinQueue(request.eventId, request.joinKey, call)
          .then((reply) => ({ type: "joined", response: reply.body }));
        break;
      case "status":
        outcome = api
          .getTicketStatus(
            request.eventId,
            request.ticketId,
            request.token,
            request.hold ? { ...call, waitSeconds: HELD_READ_WAIT_S, timeoutMs: HELD_READ_TIMEOUT_MS } : call,
          )
          .then((reply) => ({
            type: "status",
            status: reply.body,
            ticketId: request.ticketId,
            // How long the server held it, measured here and kept to the contract's 0–30 s.
            ...(reply.held ? { heldMs: Math.min(30_000, Math.max(0, clock.monotonic() - sentMono)) } : {}),
          }));
        break;
      case "leave":
        outcome = api
          .leaveQueue(request.eventId, request.ticketId, request.token, call)
          .then(() => ({ type: "left" }));
        break;
      case "events":
        outcome = api.listEvents(call).then((reply) => ({ type: "events", events: reply.body.events }));
        break;
    }
    outcome
      .catch((error: unknown): QueueEvent => {
        if (request.op === "leave") lastLeaveFailure = error;
        return { type: "failed", op: request.op, error };
      })
      .then((event) => {
        if (controllers.get(request.op) === controller) controllers.delete(request.op);
        return dispatch(event);
      });
  }

  function render(publishAsFollower: boolean): void {
    // A follower tells the leader what its own intent did (not the mirror it shows).
    if (tabs && !state.leader && publishAsFollower) tabs.publish(ownView(state, ctx()));
    view = toView(state, ctx());
    const json = JSON.stringify(view);
    const changed = json !== lastViewJson;
    // The leader's first view goes out even unchanged: a follower about to join waits for it (see join).
    if (tabs && state.leader && (changed || !publishedAsLeader)) {
      tabs.publish(view);
      publishedAsLeader = true;
    }
    if (!changed) return;
    lastViewJson = json;
    for (const listener of [...listeners]) listener(view);
  }

  /** Keeps exactly one timer, for the next request or the admission expiry. */
  function arm(): void {
    const at = stopped ? null : wakeAt(state, ctx());
    if (timer && timer.at === at) return;
    timer?.cancel();
    timer = null;
    if (at !== null) armAt(at);
  }

  /**
   * Waits until device time `at`. When the timer fires, the device clock's
   * elapsed time is compared with the monotonic clock's: only a difference
   * between them is a device clock change. A timer that fired early for any
   * other reason (a platform that wrapped or clamped the delay, a resumed
   * page) waits out the remainder and sends nothing: read as "the clock was
   * set back", it once made a request storm.
   */
  function armAt(at: number): void {
    const armedNow = clock.now();
    const armedMono = clock.monotonic();
    const cancel = later(clock, at - armedNow, () => {
      timer = null;
      if (stopped) return;
      const monoElapsed = clock.monotonic() - armedMono;
      const jumpMs = clock.now() - armedNow - monoElapsed;
      if (jumpMs < -CLOCK_JUMP_TOLERANCE_MS) {
        void dispatch({ type: "clock_jumped", byMs: jumpMs });
        void dispatch({ type: "tick" });
        return;
      }
      const remainingMs = at - armedNow - monoElapsed;
      if (remainingMs > EARLY_TOLERANCE_MS) {
        armAt(at);
        return;
      }
      void dispatch({ type: "tick" });
    });
    timer = { cancel, at };
  }

  /**
   * After storage failed we run on memory, which knows nothing of a ticket
   * saved before the failure (a reload during it reads "no ticket"). A join
   * then first tries the device's store again: if it is back, its claim
   * returns that ticket or pending join, so no second Idempotency-Key goes
   * out. Null when the store is still failing (the memory claim decides).
   */
  async function claimInDurableStore(candidate: TicketRecord): Promise<TicketRecord | null> {
    if (!state.storageFailed || store === options.store) return null;
    try {
      const claimed = await options.store.claimJoin(candidate);
      await store.putTicket(claimed);
      return claimed;
    } catch {
      return null;
    }
  }

  async function readActive(): Promise<TicketRecord | null> {
    return withStore((s) => s.getActiveTicket());
  }

  /** Loads the active ticket from the store; call only inside the event chain. */
  async function loadFromStore(joinGraceMs: number): Promise<void> {
    const record = await readActive();
    await process({ type: "loaded", record, durable: store.durable, joinGraceMs });
  }

  /** Runs `work` in the event chain; a throw in it (a store failing twice) is handled like one in process(). */
  function inChain(work: () => Promise<void>): Promise<void> {
    const run = chain.then(async () => {
      if (stopped) return;
      try {
        await work();
      } catch (error) {
        if (crashed(error)) arm();
      }
    });
    chain = run.catch(() => {});
    return run;
  }

  /**
   * Re-reads the store INSIDE the event chain: a read taken outside it could
   * predate a join that is being saved, and its "loaded" would then drop it.
   */
  function reload(joinGraceMs = 0): Promise<void> {
    return inChain(() => loadFromStore(joinGraceMs));
  }

  view = toView(state, ctx());
  lastViewJson = JSON.stringify(view);

  let heardLeader: () => void = () => undefined;
  const leaderHeard = new Promise<void>((resolve) => {
    heardLeader = resolve;
  });
  const leaderAnswer = (): Promise<void> =>
    !tabs || state.leader || state.mirror !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const cancel = later(clock, LEADER_ANSWER_MS, resolve);
          void leaderHeard.then(() => {
            cancel();
            resolve();
          });
        });

  if (tabs) {
    unsubscribers.push(
      tabs.onLeaderChange((leader) => {
        void dispatch({ type: "leader", leader });
        if (leader) void reload();
        else controllers.get("status")?.abort();
      }),
      tabs.onRemoteView((remote) => {
        void dispatch({ type: "remote_view", view: remote });
        heardLeader();
      }),
    );
  }

  const untilNotLeaving = (): Promise<void> =>
    new Promise((resolve) => {
      if (!state.leaving) {
        resolve();
        return;
      }
      const off = client.subscribe(() => {
        if (!state.leaving) {
          off();
          resolve();
        }
      });
    });

  const client: QueueClient = {
    getView: () => view,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    serverNow: () => serverClock.serverNow(),
    project: (serverNow) => projectPosition(view, serverNow, state.record?.firstServingNumber ?? null),
    resume: () => reload(),
    /**
     * Runs inside the event chain, and claims the pending join in one store
     * transaction: a read taken outside either could miss another tab's join
     * being saved, and send a second Idempotency-Key (a second ticket).
     */
    async join(eventId) {
      // Heard before the chain: the leader's view is then processed ahead of this join.
      await leaderAnswer();
      return inChain(async () => {
        if (!state.loaded) await loadFromStore(0);
        // The store could not show the place another tab holds, but that tab's view does: no second ticket.
        // Nor while another tab's join for it is under way: that tab's key (perhaps sent) is the one.
        if (!isActive(state.record) && (leaderHolds(state, eventId) || otherTabJoining(state, eventId)))
          return;
        if (isActive(state.record)) {
          // One line at a time: the reducer makes a second tap a no-op.
          await process({ type: "join", eventId, joinKey: state.record.joinKey, existing: null });
          return;
        }
        const candidate = pendingJoin(eventId, newId(), clock.now());
        const claimed =
          (await claimInDurableStore(candidate)) ?? (await withStore((s) => s.claimJoin(candidate)));
        const existing = claimed.joinKey === candidate.joinKey ? null : claimed;
        await process({ type: "join", eventId, joinKey: candidate.joinKey, existing });
      });
    },
    async leave() {
      lastLeaveFailure = undefined;
      await dispatch({ type: "leave" });
      await untilNotLeaving();
      // Settled without leaving: the server refused, retries ran out, or a bug got in the way.
      const record = state.record;
      if (record !== null && record.ended === null) {
        const code = state.notice?.code ?? "unknown";
        throw new QueueLeaveError(code, lastLeaveFailure ?? lastCrash);
      }
    },
    moveAway() {
      return inChain(async () => {
        // A follower tab shows the leader's view and may hold an older picture of the ticket: read it first.
        if (!state.leader || !state.loaded) await loadFromStore(0);
        await process({ type: "moved" });
      });
    },
    admissionUsed(eventId, admission) {
      return inChain(async () => {
        if (!state.loaded) await loadFromStore(0);
        await process({ type: "admission_used", eventId, admission });
      });
    },
    dismiss: () => dispatch({ type: "dismiss" }),
    setOnline: (online) => void dispatch({ type: "online", online }),
    setVisible: (visible) => void dispatch({ type: "visible", visible }),
    setFrozen: (frozen) => void dispatch({ type: "frozen", frozen }),
    setPush: (on) => void dispatch({ type: "push", on }),
    wake: (admitted) => void dispatch(admitted === undefined ? { type: "wake" } : { type: "wake", admitted }),
    liveTicket() {
      const r = state.record;
      if (!isActive(r) || r.ticketId === null || r.ticketToken === null || r.admission) return null;
      return { eventId: r.eventId, ticketId: r.ticketId, token: r.ticketToken };
    },
    stop() {
      stopped = true;
      timer?.cancel();
      timer = null;
      unsaved?.();
      for (const controller of controllers.values()) controller.abort();
      controllers.clear();
      for (const off of unsubscribers) off();
      listeners.clear();
    },
  };
  return client;
}
