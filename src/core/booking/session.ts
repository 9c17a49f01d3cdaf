import { type ApiClient, ApiError } from "../api/types.ts";
import { type Cancel, later } from "../clock/timer.ts";
import type { Clock, IdFactory, Random, ServerClock } from "../clock/types.ts";
import type { Center, Reservation } from "../contract/types.ts";
import { MAX_RETRY_AFTER_MS } from "../net/retry-after.ts";
import type { BookingDraft, CatalogCache, KeptAdmission, Preferences, Store } from "../store/types.ts";
import { filterCenters } from "./center-search.ts";
import { expectedSecondDose } from "./dates.ts";
import { isAbort, noticeCodeOf, outcomeUnknown } from "./failure.ts";
import { createRouteGates, type RouteGates } from "./route-gate.ts";
import type { BookingNotice, BookingView } from "./types.ts";

export interface BookingClientDeps {
  api: ApiClient;
  store: Store;
  clock: Clock;
  serverClock: ServerClock;
  random: Random;
  newId: IdFactory;
  /** How long one burst of retries may last before the UI is told and a later replay is scheduled (ms). */
  retryWindowMs?: number;
  /** Delay before replaying a confirm whose outcome is still unknown after a burst (ms). */
  replayDelayMs?: number;
  /**
   * A reservation was made under this admission (called again whenever a finished booking is
   * found, so a run killed before telling gets it right next time): the queue forgets the ticket's
   * tokens. The admission comes without its token.
   */
  onAdmissionUsed?: (eventId: string, admission: KeptAdmission) => void;
}

export const EMPTY_IDENTITY = { name: "", birthDate: "", phone: "" };

function initialView(durable: boolean): BookingView {
  return {
    step: "loading",
    eventId: null,
    expiresAt: null,
    identity: EMPTY_IDENTITY,
    fieldErrors: {},
    maskedName: null,
    ineligibleReason: null,
    regions: null,
    regionCode: null,
    centers: null,
    centerQuery: "",
    centerMatches: [],
    centerId: null,
    center: null,
    slots: null,
    slotRange: null,
    date: null,
    time: null,
    secondDoseExpected: null,
    busy: null,
    confirmPending: false,
    notice: null,
    reservation: null,
    existingReservation: null,
    reservations: [],
    online: true,
    durable,
  };
}

/**
 * A draft with the device times its routes' gates open at (see route-gate.ts): an extra field the
 * stores keep as they keep the rest (structured clone), absent on drafts saved before it existed.
 */
type FlooredDraft = BookingDraft & { routeFloors?: Record<string, number> };

/** A saved floor further away than this is a device clock set back: capped (Retry-After ≤ 1 h, plus spread). */
const MAX_SAVED_FLOOR_MS = 2 * MAX_RETRY_AFTER_MS;
/** How often a draft write the device's store refused is tried again. */
const DRAFT_RETRY_MS = 2_000;

const newestFirst = (a: Reservation, b: Reservation) => Date.parse(b.createdAt) - Date.parse(a.createdAt);

export const notice = (code: string, retryAt: number | null = null): BookingNotice => ({ code, retryAt });

/**
 * The state and plumbing one booking client's parts share: the view and its
 * listeners, the draft (saved in order on every change), the catalog, and
 * requests with retries that end as "aborted" when the session ends.
 */
export interface BookingSession {
  readonly deps: Required<BookingClientDeps>;
  readonly view: BookingView;
  draft: BookingDraft | null;
  catalog: CatalogCache | null;
  update(patch: Partial<BookingView>): void;
  subscribe(listener: (view: BookingView) => void): () => void;
  /** Saves the draft (writes stay in order) and mirrors it into the view with `patch`. */
  saveDraft(next: BookingDraft, patch?: Partial<BookingView>): Promise<void>;
  /** Queues any other draft write behind those in flight. */
  queueDraftWrite(write: () => Promise<void>): Promise<void>;
  /** A write that must land (a reservation): on failure it is tried again every DRAFT_RETRY_MS until it does. */
  keep(write: () => Promise<void>): Promise<void>;
  /** Resolves once every draft write so far has landed. */
  flushDraftWrites(): Promise<void>;
  savePreferences(change: Partial<Preferences>): Promise<void>;
  /** Reservations on the device, newest first ([] with a notice when storage fails). */
  storedReservations(): Promise<Reservation[]>;
  /**
   * One request to `route` with retries; rejects as "aborted" once the session has ended. Every
   * attempt (a tap's, a retry's, a replay's) first waits at the route's gate: see route-gate.ts.
   */
  call<T>(route: string, attempt: (signal?: AbortSignal) => Promise<T>, inDoubt?: boolean): Promise<T>;
  /** The per-route gates (a floor saved before a reload is put back through them). */
  readonly gates: RouteGates;
  /** Shows a failure; aborts (unmount, reload) show nothing. */
  fail(error: unknown, patch?: Partial<BookingView>): void;
  serverNow(): number;
  admissionOver(draft: BookingDraft): boolean;
  centersOf(region: string | null): Center[] | null;
  /** Cuts off every request in flight (stop, a new start). */
  endSession(): void;
  /** Saves the closed gates with the draft, so a reload waits them out too. */
  saveFloors(): void;
  /** Puts back the floors saved with `draft` (after a reload). */
  restoreFloors(draft: BookingDraft): void;
  /** The client is going away: no gate timer stays armed. */
  clearGates(): void;
}

export function createSession(options: BookingClientDeps): BookingSession {
  const deps: Required<BookingClientDeps> = {
    retryWindowMs: 45_000,
    replayDelayMs: 10_000,
    onAdmissionUsed: () => undefined,
    ...options,
  };
  const { store, clock, serverClock, random } = deps;
  const listeners = new Set<(view: BookingView) => void>();
  let view = initialView(store.durable);
  let controller = new AbortController();
  let writes: Promise<void> = Promise.resolve();
  let latestWrite: (() => Promise<void>) | null = null;
  let writeAgain: Cancel | null = null;
  const unkept = new Set<() => Promise<void>>();
  let keepAgain: Cancel | null = null;
  const keepLater = () => {
    if (keepAgain) return;
    keepAgain = later(clock, DRAFT_RETRY_MS, async () => {
      keepAgain = null;
      for (const write of [...unkept]) {
        try {
          await write();
          unkept.delete(write);
        } catch {
          // Still failing: the next round tries again.
        }
      }
      if (unkept.size > 0) keepLater();
    });
  };
  const gates = createRouteGates(clock, random);

  const session: BookingSession = {
    deps,
    get view() {
      return view;
    },
    draft: null,
    catalog: null,

    update(patch) {
      const next = { ...view, ...patch };
      next.centerMatches = filterCenters(next.centers ?? [], next.centerQuery);
      const known = next.centers ?? session.catalog?.centers ?? [];
      next.center = (next.centerId && known.find((c) => c.id === next.centerId)) || null;
      next.secondDoseExpected =
        next.date && next.time ? expectedSecondDose({ date: next.date, time: next.time }) : null;
      view = next;
      for (const listener of listeners) listener(view);
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    saveDraft(next, patch = {}) {
      // Every draft carries the route floors of the moment: a reload, or the next booking, keeps them.
      const saved: FlooredDraft = { ...next, updatedAt: clock.now(), routeFloors: gates.floors() };
      session.draft = saved;
      session.update({
        eventId: saved.eventId,
        expiresAt: Date.parse(saved.admission.expiresAt),
        identity: { name: saved.name, birthDate: saved.birthDate, phone: saved.phone },
        maskedName: saved.maskedName,
        regionCode: saved.regionCode,
        centerId: saved.centerId,
        date: saved.date,
        time: saved.time,
        confirmPending: saved.reservationKey !== null,
        ...patch,
      });
      return session.queueDraftWrite(() => store.putDraft(saved));
    },

    queueDraftWrite(write) {
      latestWrite = write;
      writes = writes.then(write).then(
        () => {
          if (latestWrite !== write) return;
          writeAgain?.();
          writeAgain = null;
          if (view.notice?.code === "storage_unavailable") session.update({ notice: null });
        },
        () => {
          session.update({ notice: notice("storage_unavailable") });
          // Storage often comes back: the latest draft (and its route floors) is written again until
          // it lands, so a reload soon after does not find an older one.
          if (latestWrite === write && !writeAgain)
            writeAgain = later(clock, DRAFT_RETRY_MS, () => {
              writeAgain = null;
              if (latestWrite === write) void session.queueDraftWrite(write);
            });
        },
      );
      return writes;
    },

    keep(write) {
      return write().catch(() => {
        session.update({ notice: notice("storage_unavailable") });
        unkept.add(write);
        keepLater();
      });
    },

    flushDraftWrites: () => writes,

    async savePreferences(change) {
      try {
        await store.putPreferences({ ...(await store.getPreferences()), ...change });
      } catch {
        // Preferences are a convenience; the booking goes on without them.
      }
    },

    async storedReservations() {
      try {
        return (await store.listReservations()).sort(newestFirst);
      } catch {
        session.update({ notice: notice("storage_unavailable") });
        return [];
      }
    },

    async call(route, attempt, inDoubt = false) {
      const signal = controller.signal;
      const held = gates.hold(route);
      if (held) {
        // A tap (or a replay) before the server allows it: held, not sent, and the wait is shown. Only
        // retryable failures hold a gate, and for a POST each of them leaves the outcome unknown; a
        // notice already counting down (say, "after the window") keeps its words.
        const shown = view.notice?.retryAt != null ? view.notice.code : null;
        const code = shown ?? (inDoubt ? "outcome_unknown" : held.code);
        session.update({
          notice: notice(code, serverClock.serverNow() + Math.max(0, held.untilMs - clock.now())),
        });
      }
      await gates.wait(route, signal);
      // The burst's window counts from the first attempt actually sent, not from the tap.
      const startedAt = clock.now();
      for (;;) {
        try {
          const reply = await attempt(signal);
          gates.succeeded(route);
          return reply;
        } catch (error) {
          // Whatever ended it after the session closed (say, a cancelled sleep), it was an abort:
          // no handler may mistake it for an answer (and, say, drop a confirm's key).
          if (signal.aborted) {
            gates.settled(route);
            throw new ApiError({ kind: "aborted" });
          }
          const { delayMs, decision } = gates.failed(route, error);
          if (!decision.retry) throw error;
          session.saveFloors();
          // Past the window the caller decides (a notice, a replay); the gate stays closed for them too.
          if (clock.now() + delayMs - startedAt > deps.retryWindowMs) throw error;
          // For a POST that may have taken effect, say so: a retry replays it, it cannot double it.
          const code = inDoubt && outcomeUnknown(error) ? "outcome_unknown" : decision.code;
          session.update({ notice: notice(code, serverClock.serverNow() + delayMs) });
          await gates.wait(route, signal);
        }
      }
    },

    fail(error, patch = {}) {
      if (isAbort(error)) return;
      session.update({ busy: null, notice: notice(view.online ? noticeCodeOf(error) : "offline"), ...patch });
    },

    serverNow: () => serverClock.serverNow(),

    admissionOver: (draft) => serverClock.serverNow() >= Date.parse(draft.admission.expiresAt),

    centersOf(region) {
      if (!region || !session.catalog?.centers) return null;
      const inRegion = session.catalog.centers.filter((center) => center.region === region);
      return inRegion.length > 0 ? inRegion : null;
    },

    endSession() {
      controller.abort();
      controller = new AbortController();
    },

    clearGates() {
      gates.clear();
      writeAgain?.();
      writeAgain = null;
      keepAgain?.();
      keepAgain = null;
    },

    saveFloors() {
      const draft = session.draft;
      if (!draft) return;
      const floored: FlooredDraft = { ...draft, routeFloors: gates.floors() };
      session.draft = floored;
      void session.queueDraftWrite(() => store.putDraft(floored));
    },

    restoreFloors(draft) {
      gates.restore((draft as FlooredDraft).routeFloors, MAX_SAVED_FLOOR_MS);
    },
    gates,
  };
  return session;
}
