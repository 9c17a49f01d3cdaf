import { sameAdmission, withoutAdmissionToken } from "../store/admission.ts";
import { DEFAULT_PREFERENCES } from "../store/defaults.ts";
import type { BookingDraft, KeptAdmission, Preferences } from "../store/types.ts";
import { createCatalogPart } from "./catalog.ts";
import { createChoicesPart } from "./choices.ts";
import { createConfirmPart } from "./confirm.ts";
import { newDraft, stepFor } from "./draft.ts";
import { createIdentityPart } from "./identity-step.ts";
import { createReservationsPart } from "./reservations.ts";
import { type BookingClientDeps, createSession, notice } from "./session.ts";
import type { BookingClient } from "./types.ts";

export type { BookingClientDeps } from "./session.ts";

/**
 * The booking flow after admission and the reservations kept on the device.
 * Every change to the draft is saved before it matters; the confirm's
 * Idempotency-Key is saved before its first attempt and reused for every
 * retry, reload and lost answer, so a person gets exactly one reservation.
 * Framework-free: the clock, ids, randomness, API and store are passed in.
 */
export function createBookingClient(deps: BookingClientDeps): BookingClient {
  const s = createSession(deps);
  const { store, clock } = s.deps;
  const catalog = createCatalogPart(s);
  const confirm = createConfirmPart(s, { loadSlots: (from, to) => choices.loadSlots(from, to) });
  const choices = createChoicesPart(s, catalog, { expire: () => confirm.expire() });
  const identity = createIdentityPart(s, { ensureCatalog: catalog.ensure, expire: () => confirm.expire() });
  const reservations = createReservationsPart(s);

  function endSession(clearTimers: boolean): void {
    s.endSession();
    confirm.endRun(clearTimers);
    if (clearTimers) s.clearGates();
  }

  /**
   * A finished booking was found: the queue forgets the ticket's tokens (again: it may not have
   * heard). A marker an older version saved with the admission token is rewritten without it.
   */
  function used(draft: BookingDraft): void {
    const admission = withoutAdmissionToken(draft.admission);
    if (draft.admission.token !== null) void s.queueDraftWrite(() => store.putDraft({ ...draft, admission }));
    s.deps.onAdmissionUsed(draft.eventId, admission);
  }

  async function start(admission: KeptAdmission, eventId: string): Promise<void> {
    endSession(false);
    s.update({ step: "loading", notice: null, busy: null });
    let saved: BookingDraft | null = null;
    let prefs: Preferences = DEFAULT_PREFERENCES;
    try {
      [saved, prefs] = await Promise.all([store.getDraft(), store.getPreferences()]);
    } catch {
      s.update({ notice: notice("storage_unavailable") });
    }
    // By mark: a finished booking's draft, or an expired one, no longer holds the admission token.
    const resumed = saved !== null && sameAdmission(saved.admission, admission);
    if (saved && !resumed && saved.reservationKey !== null && !saved.completedReservationId) {
      // A confirm from an earlier admission was left in doubt (the app was killed, say):
      // settle it by replaying it before anything new starts under this admission.
      const settled = await confirm.settleOrphan(saved);
      if (settled === null) return;
      saved = settled;
    }
    const stored = await s.storedReservations();
    const made = resumed ? stored.find((r) => r.id === saved?.completedReservationId) : undefined;
    if (made && saved) {
      // This admission was already used: show that booking rather than an empty form.
      used(saved);
      s.draft = null;
      s.update({ step: "done", reservation: made, reservations: stored, busy: null, notice: null });
      return;
    }
    // An admission without its token (used, or ended) books nothing more: show what the device holds.
    if (!resumed && admission.token === null) return showStored(saved);
    // A draft whose token went on a device-side expiry gets it back if the queue still holds it.
    const draft =
      resumed && saved
        ? { ...saved, admission: admission.token !== null ? admission : saved.admission }
        : newDraft(admission, eventId, clock.now(), saved, prefs);
    s.update({
      reservations: stored,
      reservation: null,
      existingReservation: null,
      ineligibleReason: null,
      fieldErrors: {},
    });
    // The floors the previous run was told (Retry-After, backoff) hold after a reload too, and for a
    // new admission as well: the server said them of its routes, not of one booking.
    if (saved) s.restoreFloors(saved);
    await s.saveDraft(draft, { step: stepFor(draft) });
    await catalog.loadFromStore();
    confirm.scheduleExpiry();
    if (draft.reservationKey !== null) {
      // A confirm was sent before the reload: replay it (same key) to learn how it ended.
      s.update({ step: "confirm" });
      confirm.restoreFloor();
      if (s.admissionOver(draft)) confirm.expireAfterAnswer();
      return confirm.runConfirm();
    }
    if (s.admissionOver(draft)) return confirm.expire();
    const step = stepFor(draft);
    // Public catalog data: fetched while the user types, so the next step opens at once.
    if (step === "identity") void catalog.warm();
    else void catalog.ensure();
    if (step === "slot") return choices.loadSlots();
  }

  async function resume(): Promise<void> {
    let saved: BookingDraft | null = null;
    try {
      saved = await store.getDraft();
    } catch {
      s.update({ notice: notice("storage_unavailable") });
    }
    if (saved && !saved.completedReservationId) return start(saved.admission, saved.eventId);
    if (saved) used(saved);
    return showStored(saved);
  }

  /** No booking in progress: one that finished (perhaps in a run killed right after) is what to show. */
  async function showStored(saved: BookingDraft | null): Promise<void> {
    const stored = await s.storedReservations();
    const latest =
      stored.find((r) => r.id === saved?.completedReservationId) ??
      stored.find((r) => r.status === "confirmed") ??
      null;
    s.update({ step: latest ? "done" : "none", reservation: latest, reservations: stored, busy: null });
  }

  return {
    getView: () => s.view,
    subscribe: s.subscribe,
    serverNow: s.serverNow,
    prefetchCatalog: async () => {
      if (!s.catalog) await catalog.loadFromStore();
      await catalog.ensure();
    },
    start,
    resume,
    setIdentity: identity.setIdentity,
    submitIdentity: identity.submitIdentity,
    chooseRegion: choices.chooseRegion,
    setCenterQuery: choices.setCenterQuery,
    chooseCenter: choices.chooseCenter,
    loadSlots: choices.loadSlots,
    chooseSlot: choices.chooseSlot,
    goTo: choices.goTo,
    confirm: confirm.confirm,
    dismissNotice: () => s.update({ notice: null }),
    loadReservations: reservations.loadReservations,
    openReservation: reservations.openReservation,
    refreshReservation: reservations.refreshReservation,
    cancelReservation: reservations.cancelReservation,
    setOnline(online) {
      if (online === s.view.online) return;
      const kept = s.view.notice?.code === "offline" ? null : s.view.notice;
      s.update({ online, notice: online ? kept : notice("offline") });
      if (online) confirm.onOnline();
    },
    stop: () => endSession(true),
  };
}
