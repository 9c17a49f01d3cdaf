import type { ApiClient } from "../api/types.ts";
import { type Cancel, later } from "../clock/timer.ts";
import type { Clock, IdFactory, Random, ServerClock } from "../clock/types.ts";
import { createMemoryStore } from "../store/memory-store.ts";
import type { Store, TicketRecord } from "../store/types.ts";
import {
  type Ctx,
  type Effect,
  initialState,
  type MachineState,
  type QueueEvent,
  type Request,
  reduce,
  wakeAt,
} from "./machine.ts";
import { projectPosition } from "./projection.ts";
import type { AdmittedAlert, QueueClient, QueueView, TabsPort } from "./types.ts";
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

/** A timer firing this much before its device-clock time means the clock was set back. */
const CLOCK_JUMP_TOLERANCE_MS = 1_000;

/** Intents a follower tab announces to the leader by publishing its view afterwards. */
const PUBLISHED_BY_FOLLOWER = new Set<QueueEvent["type"]>(["join", "joined", "leave", "left", "dismiss"]);

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
  let view: QueueView;
  const listeners = new Set<(view: QueueView) => void>();
  const controllers = new Map<string, AbortController>();
  const unsubscribers: Array<() => void> = [];

  const ctx = (): Ctx => ({ now: clock.now(), serverNow: serverClock.serverNow(), random });

  const fallBackToMemory = async (): Promise<void> => {
    if (!state.storageFailed) {
      store = options.fallbackStore?.() ?? createMemoryStore();
      state = reduce(state, { type: "storage_failed" }, ctx()).state;
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

  const dispatch = (event: QueueEvent): Promise<void> => {
    const run = chain.then(() => process(event));
    chain = run.catch(() => {});
    return run;
  };

  async function process(event: QueueEvent): Promise<void> {
    if (stopped) return;
    const transition = reduce(state, event, ctx());
    state = transition.state;
    let alerts = 0;
    for (const effect of transition.effects) alerts += await perform(effect);
    render(PUBLISHED_BY_FOLLOWER.has(event.type));
    for (let i = 0; i < alerts; i++) onAdmitted?.(view);
    arm();
  }

  /** Returns 1 for an alert, to be raised once the view shows the admission. */
  async function perform(effect: Effect): Promise<number> {
    switch (effect.type) {
      case "save":
        await withStore((s) => s.putTicket(effect.record));
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
    switch (request.op) {
      case "join":
        outcome = api
          .joinQueue(request.eventId, request.joinKey, call)
          .then((reply) => ({ type: "joined", response: reply.body }));
        break;
      case "status":
        outcome = api
          .getTicketStatus(request.eventId, request.ticketId, request.token, call)
          .then((reply) => ({ type: "status", status: reply.body, ticketId: request.ticketId }));
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
      .catch((error: unknown): QueueEvent => ({ type: "failed", op: request.op, error }))
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
    if (json === lastViewJson) return;
    lastViewJson = json;
    if (tabs && state.leader) tabs.publish(view);
    for (const listener of [...listeners]) listener(view);
  }

  /** Keeps exactly one timer, for the next request or the admission expiry. */
  function arm(): void {
    const at = stopped ? null : wakeAt(state, ctx());
    if (timer && timer.at === at) return;
    timer?.cancel();
    timer = null;
    if (at === null) return;
    const cancel = later(clock, at - clock.now(), () => {
      timer = null;
      // Timers are monotonic, the device clock is not: firing "early" means it was set back.
      const byMs = clock.now() - at;
      if (byMs < -CLOCK_JUMP_TOLERANCE_MS) void dispatch({ type: "clock_jumped", byMs });
      void dispatch({ type: "tick" });
    });
    timer = { cancel, at };
  }

  async function readActive(): Promise<TicketRecord | null> {
    return withStore((s) => s.getActiveTicket());
  }

  /**
   * Re-reads the store INSIDE the event chain: a read taken outside it could
   * predate a join that is being saved, and its "loaded" would then drop it.
   */
  function reload(joinGraceMs = 0): Promise<void> {
    const run = chain.then(async () => {
      const record = await readActive();
      await process({ type: "loaded", record, durable: store.durable, joinGraceMs });
    });
    chain = run.catch(() => {});
    return run;
  }

  view = toView(state, ctx());
  lastViewJson = JSON.stringify(view);

  if (tabs) {
    unsubscribers.push(
      tabs.onLeaderChange((leader) => {
        void dispatch({ type: "leader", leader });
        if (leader) void reload();
        else controllers.get("status")?.abort();
      }),
      tabs.onRemoteView((remote) => void dispatch({ type: "remote_view", view: remote })),
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
    async join(eventId) {
      if (!state.loaded) await reload();
      const existing = await withStore((s) => s.getTicket(eventId));
      await dispatch({ type: "join", eventId, joinKey: newId(), existing });
    },
    async leave() {
      await dispatch({ type: "leave" });
      await untilNotLeaving();
    },
    dismiss: () => dispatch({ type: "dismiss" }),
    setOnline: (online) => void dispatch({ type: "online", online }),
    setVisible: (visible) => void dispatch({ type: "visible", visible }),
    stop() {
      stopped = true;
      timer?.cancel();
      timer = null;
      for (const controller of controllers.values()) controller.abort();
      controllers.clear();
      for (const off of unsubscribers) off();
      listeners.clear();
    },
  };
  return client;
}
