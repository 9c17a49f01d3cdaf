import { type Cancel, later } from "../clock/timer.ts";
import type { Reservation } from "../contract/types.ts";
import { type BackoffOptions, type BackoffState, INITIAL_BACKOFF } from "../net/backoff.ts";
import { MAX_RETRY_AFTER_MS } from "../net/retry-after.ts";
import { classifyFailure, retryDelay } from "../net/retry-policy.ts";
import { sameAdmission, withoutAdmissionToken } from "../store/admission.ts";
import type { BookingDraft } from "../store/types.ts";
import { reservationBody, withoutPersonalData } from "./draft.ts";
import { isAbort, outcomeUnknown, problemOf } from "./failure.ts";
import { type BookingSession, EMPTY_IDENTITY, notice } from "./session.ts";

export interface ConfirmPart {
  /** Make the reservation exactly once: a saved key, replayed until the server decides. */
  confirm(): Promise<void>;
  /** Sends (or replays) the saved confirm under its saved key. */
  runConfirm(): Promise<void>;
  /** The admission is over (see below). */
  expire(confirmInDoubt?: boolean): Promise<void>;
  /** Watches the admission's end, in server time. */
  scheduleExpiry(): void;
  /** Marks that the window closed while a confirm was unresolved. */
  expireAfterAnswer(): void;
  /** A confirm left in doubt under an earlier admission: replayed before anything new starts. */
  settleOrphan(saved: BookingDraft): Promise<BookingDraft | null>;
  /** Back online: find out at once what happened to a confirm in doubt. */
  onOnline(): void;
  /** After a reload: the saved confirm waits out the floor the previous run was told. */
  restoreFloor(): void;
  /** Cuts off the current run (its key stays saved for the next) and, with timers, stops watching. */
  endRun(clearTimers: boolean): void;
}

interface ConfirmHooks {
  /** Reloads the slot list (after slot_full). */
  loadSlots(from?: string, to?: string): Promise<void>;
}

/**
 * A draft with the device time before which its confirm may not be replayed (the server's
 * Retry-After plus spread), saved with it so a reload honours it too. An extra field the stores
 * keep as they keep the rest (structured clone); absent on drafts saved before it existed.
 */
type GatedDraft = BookingDraft & { confirmNotBefore?: number };

/** A saved floor further away than this is a device clock set back: cap it (Retry-After ≤ 1 h, plus spread). */
const MAX_SAVED_FLOOR_MS = 2 * MAX_RETRY_AFTER_MS;

/** Two drafts would send the same confirm request (same identity, center, date and time). */
const sameRequest = (a: BookingDraft, b: BookingDraft) =>
  JSON.stringify(reservationBody(a)) === JSON.stringify(reservationBody(b));

/**
 * The exactly-once confirm. The Idempotency-Key is saved with the draft
 * before the first attempt; every retry, reload and lost answer replays the
 * same key and body, so the server either makes one reservation or replays
 * the first answer. Only an error answer (which the server never remembers)
 * frees the key.
 */
export function createConfirmPart(s: BookingSession, hooks: ConfirmHooks): ConfirmPart {
  const { api, store, clock, newId, random, replayDelayMs } = s.deps;
  // Replays of a confirm in doubt without Retry-After: jittered around replayDelayMs (half to
  // one and a half of it), so phones that lost their answers together do not replay together.
  const replayBackoff: BackoffOptions = {
    initialDelayMs: replayDelayMs / 2,
    maxDelayMs: (replayDelayMs * 3) / 2,
    jitter: "decorrelated",
  };
  let backoff: BackoffState = INITIAL_BACKOFF;
  /**
   * The server's Retry-After, as device-clock ms: no confirm is sent before it, whatever asks
   * (a replay, the window's end, coming back online, a tap). `gateSetAt` notices a clock set back.
   */
  let gateUntil = 0;
  let gateSetAt = 0;
  let cancelExpiry: Cancel | null = null;
  let cancelReplay: Cancel | null = null;
  let confirming = false;
  /** Which run is current: a run cut off by stop()/start() must not clear the flag of the next. */
  let run = 0;
  /** The window closed while a confirm was unresolved: the next answer decides. */
  let expireAfterConfirm = false;

  const clearReplay = () => {
    cancelReplay?.();
    cancelReplay = null;
  };

  function scheduleReplay(delayMs: number): void {
    clearReplay();
    cancelReplay = later(clock, delayMs, () => {
      cancelReplay = null;
      void runConfirm();
    });
  }

  /** ms until the server allows the next confirm (0 when it may go now). */
  function gateLeft(): number {
    const now = clock.now();
    if (now < gateSetAt) gateUntil = 0; // the device clock went back: the timers still count
    return Math.max(0, gateUntil - now);
  }

  /**
   * The wait before replaying after `error`: Retry-After of any length (the decoder bounds it)
   * plus a jittered spread, else a jittered replay delay. Records the server's floor as the gate.
   */
  function planReplay(error: unknown): number {
    const decision = classifyFailure(error);
    // Without Retry-After each replay draws afresh in [½, 1½] × replayDelayMs: a capped, growing
    // backoff would settle many phones on the same cap.
    const fresh = decision.notBeforeMs === null;
    const [delayMs, next] = retryDelay(
      decision,
      fresh ? INITIAL_BACKOFF : backoff,
      random,
      fresh ? replayBackoff : undefined,
    );
    if (!fresh) backoff = next;
    if (decision.notBeforeMs !== null) {
      gateSetAt = clock.now();
      gateUntil = gateSetAt + decision.notBeforeMs;
    }
    return delayMs;
  }

  function restoreFloor(): void {
    const saved = (s.draft as GatedDraft | null)?.confirmNotBefore;
    if (!s.draft?.reservationKey || typeof saved !== "number" || !Number.isFinite(saved)) return;
    const left = Math.min(MAX_SAVED_FLOOR_MS, saved - clock.now());
    if (left > 0) s.gates.closeFor("reservations", left, "outcome_unknown");
  }

  function scheduleExpiry(): void {
    cancelExpiry?.();
    cancelExpiry = null;
    if (!s.draft) return;
    const left = Date.parse(s.draft.admission.expiresAt) - s.serverNow();
    // Re-checked when it fires: the server-clock estimate may have moved meanwhile.
    cancelExpiry = later(clock, Math.max(0, left) + 50, onExpiryTimer);
  }

  function onExpiryTimer(): void {
    cancelExpiry = null;
    if (!s.draft) return;
    if (!s.admissionOver(s.draft)) {
      scheduleExpiry();
      return;
    }
    if (s.draft.reservationKey !== null) {
      // The server may already hold this reservation: let the next answer decide.
      expireAfterConfirm = true;
      if (!confirming) void runConfirm();
      return;
    }
    void expire();
  }

  /**
   * Personal data goes, the choices stay for the next admission. With
   * `confirmInDoubt`, the confirm's key and body stay too and replays go on:
   * the server answers a replay of a stored success with that success even
   * after the window, and anything else proves nothing was made.
   */
  async function expire(confirmInDoubt = false, replayInMs = replayDelayMs): Promise<void> {
    if (!s.draft) return;
    expireAfterConfirm = false;
    clearReplay();
    const pending = confirmInDoubt && s.draft.reservationKey !== null;
    await s.saveDraft(withoutPersonalData(s.draft, clock.now(), pending), {
      step: "expired",
      busy: null,
      fieldErrors: {},
      notice: pending ? notice("outcome_unknown", s.serverNow() + replayInMs) : notice("admission_expired"),
    });
    if (pending) scheduleReplay(replayInMs);
  }

  async function complete(reservation: Reservation): Promise<void> {
    const finished = s.draft;
    // Kept until it lands: storage often comes back, and the booking is the one thing the user came for.
    await s.keep(() => store.putReservation(reservation));
    // Done: the personal data and the admission token go; a marker (the admission's expiry and
    // non-secret mark) stays so opening this admission again shows the booking.
    await s.queueDraftWrite(() =>
      finished
        ? store.putDraft({
            ...withoutPersonalData(finished, clock.now()),
            completedReservationId: reservation.id,
          })
        : store.deleteDraft(),
    );
    // The queue's ticket has served its purpose: its tokens go too.
    if (finished) s.deps.onAdmissionUsed(finished.eventId, withoutAdmissionToken(finished.admission));
    return showDone(reservation);
  }

  async function showDone(reservation: Reservation): Promise<void> {
    s.draft = null;
    expireAfterConfirm = false;
    cancelExpiry?.();
    cancelExpiry = null;
    const reservations = await s.storedReservations();
    s.update({
      step: "done",
      busy: null,
      notice: null,
      confirmPending: false,
      reservation,
      identity: EMPTY_IDENTITY,
      reservations: reservations.length > 0 ? reservations : [reservation],
    });
  }

  async function runConfirm(): Promise<void> {
    const current = s.draft;
    const key = current?.reservationKey;
    const body = current ? reservationBody(current) : null;
    if (!current || !key || !body || confirming) return;
    const bearer = current.admission.token;
    // Only a draft with no confirm in doubt loses its admission token: with none, nothing can be made.
    if (bearer === null) return expire();
    const wait = gateLeft();
    if (wait > 0) {
      // Told to wait: whoever asked, the replay goes when the server allows it, not before.
      s.update({ busy: null });
      scheduleReplay(wait);
      return;
    }
    confirming = true;
    const mine = ++run;
    s.update({ busy: "confirm", confirmPending: true });
    try {
      const reply = await s.call(
        "reservations",
        (signal) => api.createReservation(body, bearer, key, { signal }),
        true,
      );
      if (mine === run) confirming = false;
      backoff = INITIAL_BACKOFF;
      await complete(reply.body.reservation);
    } catch (error) {
      if (mine === run) confirming = false;
      if (isAbort(error)) return;
      await onFailed(error);
    }
  }

  async function onFailed(error: unknown): Promise<void> {
    const draft = s.draft;
    if (!draft) return;
    const problem = problemOf(error);
    // Anything but a problem answer (no answer, a broken one, a bug) leaves the outcome unknown.
    if (outcomeUnknown(error) || !problem) {
      const delayMs = planReplay(error);
      // Saved with the key, so a reload replays no sooner than this run would have.
      const gated: GatedDraft = { ...draft, confirmNotBefore: clock.now() + delayMs };
      await s.saveDraft(gated);
      if (expireAfterConfirm || s.admissionOver(draft)) return expire(true, delayMs);
      const retryAt = s.serverNow() + delayMs;
      // The server allows the replay only after the window ends: say so (the choices stay, and the
      // replay still goes then, under the same key, in case the first request was applied).
      const late = s.serverNow() + gateLeft() >= Date.parse(draft.admission.expiresAt);
      // Keep the key: only a replay of the same key and body can tell what happened.
      s.update({ busy: null, notice: notice(late ? "retry_after_window" : "outcome_unknown", retryAt) });
      scheduleReplay(delayMs);
      return;
    }
    const code = problem.code;
    // After an error answer the server has remembered nothing under this key. We drop it anyway:
    // a corrected confirm is a new logical action and gets a fresh key when the user confirms
    // again, so no key is ever paired with two bodies.
    const cleared: BookingDraft = { ...draft, reservationKey: null };
    backoff = INITIAL_BACKOFF;
    const done = { busy: null, notice: notice(code) };
    switch (code) {
      case "admission_expired":
        return expire();
      case "slot_full":
        await s.saveDraft({ ...cleared, date: null, time: null }, { step: "slot", ...done });
        return hooks.loadSlots(s.view.slotRange?.from, s.view.slotRange?.to);
      case "already_reserved": {
        const known = (await s.storedReservations()).find((r) => r.id === problem.reservationId) ?? null;
        return s.saveDraft(cleared, {
          step: "ineligible",
          ineligibleReason: "already_reserved",
          existingReservation: known,
          ...done,
        });
      }
      case "not_eligible":
        return s.saveDraft(cleared, { step: "ineligible", ineligibleReason: null, ...done });
      case "invalid_token":
        // The identity token (or the admission) was refused: verify the identity again.
        return s.saveDraft(
          { ...cleared, identityToken: null, identityKey: null, maskedName: null },
          { step: "identity", ...done },
        );
      case "validation_failed": {
        const fields = new Set((problem.errors ?? []).map((e) => e.field.replace(/^\/+/, "")));
        const step = fields.has("identityToken") ? "identity" : fields.has("centerId") ? "center" : "slot";
        const next = step === "identity" ? { ...cleared, identityToken: null, identityKey: null } : cleared;
        return s.saveDraft(next, { step, ...done });
      }
      default:
        return s.saveDraft(cleared, { step: "confirm", ...done });
    }
  }

  return {
    async confirm() {
      const draft = s.draft;
      if (!draft || confirming) return;
      const spent = draft.admission.token === null;
      if ((s.admissionOver(draft) || spent) && draft.reservationKey === null) return expire();
      if (!reservationBody(draft)) return;
      if (draft.reservationKey === null) {
        // Another tab may be confirming (or have made) this very booking: share its key, or show it.
        const onDisk = await store.getDraft().catch(() => null);
        const current = s.draft;
        if (!current) return;
        // Compared by mark: a finished booking's draft keeps no admission token.
        const same = sameAdmission(onDisk?.admission, current.admission);
        const made = same && onDisk?.completedReservationId;
        if (made && onDisk) {
          const reservation = (await s.storedReservations()).find((r) => r.id === made);
          if (reservation) {
            s.deps.onAdmissionUsed(onDisk.eventId, withoutAdmissionToken(onDisk.admission));
            return showDone(reservation);
          }
        }
        if (current.reservationKey === null) {
          const shared =
            same && onDisk?.reservationKey && sameRequest(onDisk, current) ? onDisk.reservationKey : null;
          s.saveDraft({ ...current, reservationKey: shared ?? newId() }, { notice: null });
        }
      }
      // Saved BEFORE the first attempt (also when a second tap lands while the key is being
      // written): a reload or a lost answer replays this same key.
      await s.flushDraftWrites();
      clearReplay();
      return runConfirm();
    },
    runConfirm,
    expire,
    scheduleExpiry,
    expireAfterAnswer() {
      expireAfterConfirm = true;
    },
    restoreFloor,
    async settleOrphan(saved) {
      s.draft = saved;
      await s.saveDraft(saved, { step: "expired" });
      restoreFloor();
      expireAfterConfirm = true;
      await runConfirm();
      if (s.view.step === "done" || s.draft?.reservationKey) return null;
      return s.draft;
    },
    onOnline() {
      if (!s.draft?.reservationKey || confirming) return;
      clearReplay();
      void runConfirm();
    },
    endRun(clearTimers) {
      confirming = false;
      run += 1;
      if (!clearTimers) return;
      clearReplay();
      cancelExpiry?.();
      cancelExpiry = null;
    },
  };
}
