import { type ApiClient, ApiError } from "../api/types.ts";
import type { Clock, IdFactory, Random, ServerClock, TimerHandle } from "../clock/types.ts";
import type { Admission, Center, Reservation } from "../contract/types.ts";
import { withRetry } from "../net/retry.ts";
import type { BookingDraft, CatalogCache, Preferences, Store } from "../store/types.ts";
import { filterCenters } from "./center-search.ts";
import { addDays, expectedSecondDose, seoulDate } from "./dates.ts";
import { newDraft, reservationBody, stepFor, withoutPersonalData } from "./draft.ts";
import { isAbort, noticeCodeOf, outcomeUnknown, problemOf } from "./failure.ts";
import {
  type IdentityFieldErrors,
  type IdentityInput,
  toIdentityField,
  validateIdentity,
} from "./identity-validation.ts";
import type { BookingClient, BookingNotice, BookingView } from "./types.ts";

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
}

/** Slots are offered for two weeks from today (Seoul). */
const SLOT_RANGE_DAYS = 14;
/** Catalog data older than this is refreshed in the background when online. */
const CATALOG_MAX_AGE_MS = 3_600_000;

const EMPTY_IDENTITY: IdentityInput = { name: "", birthDate: "", phone: "" };

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

const newestFirst = (a: Reservation, b: Reservation) => Date.parse(b.createdAt) - Date.parse(a.createdAt);

/**
 * The booking flow after admission and the reservations kept on the device.
 * Every change to the draft is saved before it matters; the confirm's
 * Idempotency-Key is saved before its first attempt and reused for every
 * retry, reload and lost answer, so a person gets exactly one reservation.
 */
export function createBookingClient(deps: BookingClientDeps): BookingClient {
  const { api, store, clock, serverClock, random, newId } = deps;
  const retryWindowMs = deps.retryWindowMs ?? 45_000;
  const replayDelayMs = deps.replayDelayMs ?? 10_000;
  const listeners = new Set<(view: BookingView) => void>();
  let view = initialView(store.durable);
  let draft: BookingDraft | null = null;
  let catalog: CatalogCache | null = null;
  let session = new AbortController();
  let writes: Promise<void> = Promise.resolve();
  let expiryTimer: TimerHandle | null = null;
  let replayTimer: TimerHandle | null = null;
  let confirming = false;
  /** Which confirm run is current; a run cut off by stop()/start() must not clear the flag of the next. */
  let confirmRun = 0;
  /** The admission ended while a confirm was unresolved: one more answer decides, then expire. */
  let expireAfterConfirm = false;

  // ---- view -------------------------------------------------------------

  function centersOf(region: string | null): Center[] | null {
    if (!region || !catalog?.centers) return null;
    const inRegion = catalog.centers.filter((center) => center.region === region);
    return inRegion.length > 0 ? inRegion : null;
  }

  function update(patch: Partial<BookingView>): void {
    const next = { ...view, ...patch };
    next.centerMatches = filterCenters(next.centers ?? [], next.centerQuery);
    next.center =
      (next.centerId && (next.centers ?? catalog?.centers ?? []).find((c) => c.id === next.centerId)) || null;
    next.secondDoseExpected =
      next.date && next.time ? expectedSecondDose({ date: next.date, time: next.time }) : null;
    view = next;
    for (const listener of listeners) listener(view);
  }

  function notice(code: string, retryAt: number | null = null): BookingNotice {
    return { code, retryAt };
  }

  function draftFields(d: BookingDraft): Partial<BookingView> {
    return {
      eventId: d.eventId,
      expiresAt: Date.parse(d.admission.expiresAt),
      identity: { name: d.name, birthDate: d.birthDate, phone: d.phone },
      maskedName: d.maskedName,
      regionCode: d.regionCode,
      centerId: d.centerId,
      date: d.date,
      time: d.time,
      confirmPending: d.reservationKey !== null,
    };
  }

  // ---- storage ------------------------------------------------------------

  /** Saves the draft (writes stay in order) and mirrors it into the view. */
  function saveDraft(next: BookingDraft, patch: Partial<BookingView> = {}): Promise<void> {
    draft = { ...next, updatedAt: clock.now() };
    const toWrite = draft;
    update({ ...draftFields(toWrite), ...patch });
    writes = writes
      .then(() => store.putDraft(toWrite))
      .catch(() => update({ notice: notice("storage_unavailable") }));
    return writes;
  }

  async function savePreferences(change: Partial<Preferences>): Promise<void> {
    try {
      const prefs = await store.getPreferences();
      await store.putPreferences({ ...prefs, ...change });
    } catch {
      // Preferences are a convenience; the booking goes on without them.
    }
  }

  async function loadStoredReservations(): Promise<Reservation[]> {
    try {
      return (await store.listReservations()).sort(newestFirst);
    } catch {
      update({ notice: notice("storage_unavailable") });
      return [];
    }
  }

  // ---- network --------------------------------------------------------------

  /**
   * One request with retries (backoff, Retry-After). Whatever the reason it
   * ends after stop()/start(), it rejects as "aborted", so no handler mistakes
   * a cancelled sleep for an answer (and, say, drops a confirm's key).
   */
  async function call<T>(attempt: (signal?: AbortSignal) => Promise<T>, inDoubt = false): Promise<T> {
    const signal = session.signal;
    try {
      return await withRetry(attempt, {
        clock,
        random,
        signal,
        maxElapsedMs: retryWindowMs,
        onRetry: (event) => {
          if (signal.aborted) return;
          // For a POST that may have taken effect, say so: the retry replays it, it cannot double it.
          const code = inDoubt && outcomeUnknown(event.error) ? "outcome_unknown" : event.decision.code;
          update({ notice: notice(code, serverClock.serverNow() + event.delayMs) });
        },
      });
    } catch (error) {
      if (signal.aborted) throw new ApiError({ kind: "aborted" });
      throw error;
    }
  }

  /** Shows a failure; aborts (unmount, reload) show nothing. */
  function fail(error: unknown, patch: Partial<BookingView> = {}): void {
    if (isAbort(error)) return;
    update({ busy: null, notice: notice(view.online ? noticeCodeOf(error) : "offline"), ...patch });
  }

  // ---- admission window -------------------------------------------------------

  function admissionOver(d: BookingDraft): boolean {
    return serverClock.serverNow() >= Date.parse(d.admission.expiresAt);
  }

  function scheduleExpiry(): void {
    if (expiryTimer !== null) clock.clearTimeout(expiryTimer);
    expiryTimer = null;
    if (!draft) return;
    const left = Date.parse(draft.admission.expiresAt) - serverClock.serverNow();
    // Re-checked when it fires: the server-clock estimate may have moved meanwhile.
    expiryTimer = clock.setTimeout(onExpiryTimer, Math.max(0, left) + 50);
  }

  function onExpiryTimer(): void {
    expiryTimer = null;
    if (!draft) return;
    if (!admissionOver(draft)) {
      scheduleExpiry();
      return;
    }
    if (draft.reservationKey !== null) {
      // The server may already hold this reservation: let one more replay decide.
      expireAfterConfirm = true;
      if (!confirming) void runConfirm();
      return;
    }
    void expire();
  }

  /**
   * The admission is over: personal data goes, the choices stay for the next
   * admission. With `confirmInDoubt`, the confirm's key and body stay too and
   * replays go on: the server answers a replay of a stored success with that
   * success even after the window, and anything else proves nothing was made.
   */
  async function expire(confirmInDoubt = false): Promise<void> {
    if (!draft) return;
    expireAfterConfirm = false;
    if (replayTimer !== null) clock.clearTimeout(replayTimer);
    replayTimer = null;
    const pending = confirmInDoubt && draft.reservationKey !== null;
    await saveDraft(withoutPersonalData(draft, clock.now(), pending), {
      step: "expired",
      busy: null,
      fieldErrors: {},
      notice: pending
        ? notice("outcome_unknown", serverClock.serverNow() + replayDelayMs)
        : notice("admission_expired"),
    });
    if (pending) scheduleReplay();
  }

  // ---- catalog ------------------------------------------------------------------

  async function loadCatalogFromStore(): Promise<void> {
    try {
      catalog = await store.getCatalog();
    } catch {
      catalog = null;
    }
    update({ regions: catalog?.regions ?? null, centers: centersOf(view.regionCode) });
  }

  async function fetchCatalog(): Promise<void> {
    const [regions, centers] = await Promise.all([
      call((signal) => api.listRegions({ signal })),
      call((signal) => api.listCenters(null, { signal })),
    ]);
    catalog = { regions: regions.body.regions, centers: centers.body.centers, fetchedAt: clock.now() };
    try {
      await store.putCatalog(catalog);
    } catch {
      // Still usable from memory this session.
    }
    update({ regions: catalog.regions, centers: centersOf(view.regionCode) });
  }

  function catalogStale(): boolean {
    return !catalog?.regions || !catalog.centers || clock.now() - catalog.fetchedAt > CATALOG_MAX_AGE_MS;
  }

  /** Fills the catalog when missing; a stale one is refreshed in the background. */
  async function ensureCatalog(): Promise<void> {
    if (!catalogStale()) return;
    const hadCatalog = catalog?.regions != null;
    if (!hadCatalog) update({ busy: "catalog" });
    try {
      await fetchCatalog();
      if (!hadCatalog) update({ busy: null, notice: null });
    } catch (error) {
      if (!hadCatalog) fail(error);
    }
  }

  // ---- confirm (exactly once) --------------------------------------------------------

  async function complete(reservation: Reservation): Promise<void> {
    const finished = draft;
    try {
      await store.putReservation(reservation);
    } catch {
      update({ notice: notice("storage_unavailable") });
    }
    // The booking is done: the personal data goes; a marker stays so this admission shows it.
    // Queued behind any draft write still in flight, so nothing older lands after it.
    writes = writes
      .then(() =>
        finished
          ? store.putDraft({
              ...withoutPersonalData(finished, clock.now()),
              completedReservationId: reservation.id,
            })
          : store.deleteDraft(),
      )
      .catch(() => update({ notice: notice("storage_unavailable") }));
    await writes;
    draft = null;
    expireAfterConfirm = false;
    if (expiryTimer !== null) clock.clearTimeout(expiryTimer);
    expiryTimer = null;
    const reservations = await loadStoredReservations();
    update({
      step: "done",
      busy: null,
      notice: null,
      confirmPending: false,
      reservation,
      identity: EMPTY_IDENTITY,
      reservations: reservations.length > 0 ? reservations : [reservation],
    });
  }

  function scheduleReplay(): void {
    if (replayTimer !== null) clock.clearTimeout(replayTimer);
    replayTimer = clock.setTimeout(() => {
      replayTimer = null;
      void runConfirm();
    }, replayDelayMs);
  }

  /** Sends (or replays) the saved confirm under its saved key until it is decided. */
  async function runConfirm(): Promise<void> {
    const current = draft;
    const key = current?.reservationKey;
    const body = current ? reservationBody(current) : null;
    if (!current || !key || !body || confirming) return;
    confirming = true;
    const run = ++confirmRun;
    update({ busy: "confirm", confirmPending: true });
    try {
      const reply = await call(
        (signal) => api.createReservation(body, current.admission.token, key, { signal }),
        true,
      );
      if (run === confirmRun) confirming = false;
      await complete(reply.body.reservation);
    } catch (error) {
      if (run === confirmRun) confirming = false;
      if (isAbort(error)) return;
      await onConfirmFailed(error);
    }
  }

  async function onConfirmFailed(error: unknown): Promise<void> {
    if (!draft) return;
    const problem = problemOf(error);
    // Anything but a problem answer (no answer, a broken one, a bug) leaves the outcome unknown.
    if (outcomeUnknown(error) || !problem) {
      if (expireAfterConfirm || admissionOver(draft)) return expire(true);
      // Keep the key: only a replay of the same key and body can tell what happened.
      update({
        busy: null,
        notice: notice("outcome_unknown", serverClock.serverNow() + replayDelayMs),
      });
      scheduleReplay();
      return;
    }
    const code = problem.code;
    // After an error answer the server has remembered nothing under this key.
    // We drop it anyway: a corrected confirm is a new logical action and gets a
    // fresh key when the user confirms again, so no key is ever paired with two bodies.
    const cleared: BookingDraft = { ...draft, reservationKey: null };
    switch (code) {
      case "admission_expired":
        return expire();
      case "slot_full":
        await saveDraft(
          { ...cleared, date: null, time: null },
          { step: "slot", busy: null, notice: notice(code) },
        );
        return loadSlots(view.slotRange?.from, view.slotRange?.to);
      case "already_reserved": {
        const known = (await loadStoredReservations()).find((r) => r.id === problem.reservationId) ?? null;
        return saveDraft(cleared, {
          step: "ineligible",
          ineligibleReason: "already_reserved",
          existingReservation: known,
          busy: null,
          notice: notice(code),
        });
      }
      case "not_eligible":
        return saveDraft(cleared, {
          step: "ineligible",
          ineligibleReason: null,
          busy: null,
          notice: notice(code),
        });
      case "invalid_token":
        // The identity token (or the admission) was refused: verify the identity again.
        return saveDraft(
          { ...cleared, identityToken: null, identityKey: null, maskedName: null },
          { step: "identity", busy: null, notice: notice(code) },
        );
      case "validation_failed": {
        const fields = new Set((problem.errors ?? []).map((e) => e.field.replace(/^\/+/, "")));
        const step = fields.has("identityToken") ? "identity" : fields.has("centerId") ? "center" : "slot";
        const next = step === "identity" ? { ...cleared, identityToken: null, identityKey: null } : cleared;
        return saveDraft(next, { step, busy: null, notice: notice(code) });
      }
      default:
        return saveDraft(cleared, { step: "confirm", busy: null, notice: notice(code) });
    }
  }

  // ---- intents --------------------------------------------------------------------------

  async function start(admission: Admission, eventId: string): Promise<void> {
    endSession();
    update({ step: "loading", notice: null, busy: null });
    let saved: BookingDraft | null = null;
    let prefs: Preferences;
    try {
      [saved, prefs] = await Promise.all([store.getDraft(), store.getPreferences()]);
    } catch {
      prefs = {
        birthYear: null,
        lastRegionCode: null,
        lastCenterId: null,
        lang: null,
        notify: false,
        sound: false,
      };
      update({ notice: notice("storage_unavailable") });
    }
    const resumed = saved && saved.admission.token === admission.token;
    if (saved && !resumed && saved.reservationKey !== null && !saved.completedReservationId) {
      // A confirm from an earlier admission was left in doubt (the app was killed, say):
      // settle it by replaying it before anything new is started under this admission.
      const settled = await settleOrphanConfirm(saved);
      if (settled === null) return;
      saved = settled;
    }
    const reservations = await loadStoredReservations();
    if (resumed && saved?.completedReservationId) {
      // This admission was already used: show that booking rather than an empty form.
      const made = reservations.find((r) => r.id === saved?.completedReservationId) ?? null;
      if (made) {
        draft = null;
        update({ step: "done", reservation: made, reservations, busy: null, notice: null });
        return;
      }
    }
    const d = resumed && saved ? saved : newDraft(admission, eventId, clock.now(), saved, prefs);
    update({
      reservations,
      reservation: null,
      existingReservation: null,
      ineligibleReason: null,
      fieldErrors: {},
    });
    await saveDraft(d, { step: stepFor(d) });
    await loadCatalogFromStore();
    scheduleExpiry();
    if (admissionOver(d) && d.reservationKey === null) return expire();
    if (d.reservationKey !== null) {
      update({ step: "confirm" });
      expireAfterConfirm = admissionOver(d);
      return runConfirm();
    }
    const step = stepFor(d);
    if (step === "center" || step === "slot" || step === "confirm") void ensureCatalog();
    if (step === "slot") return loadSlots();
  }

  /**
   * Replays a confirm left in doubt under an earlier admission. Returns the
   * draft to build on once the server has answered that nothing was made, or
   * null when the booking was made (shown) or is still in doubt (replays go on).
   */
  async function settleOrphanConfirm(saved: BookingDraft): Promise<BookingDraft | null> {
    draft = saved;
    update({ ...draftFields(saved), step: "expired" });
    expireAfterConfirm = true;
    await runConfirm();
    if (view.step === "done" || draft?.reservationKey) return null;
    return draft;
  }

  async function resume(): Promise<void> {
    let saved: BookingDraft | null = null;
    try {
      saved = await store.getDraft();
    } catch {
      update({ notice: notice("storage_unavailable") });
    }
    if (!saved || saved.completedReservationId) {
      // No booking in progress: a booking that finished (perhaps in a tab or run that was
      // killed right after) is what the user should see.
      const reservations = await loadStoredReservations();
      const latest =
        reservations.find((r) => r.id === saved?.completedReservationId) ??
        reservations.find((r) => r.status === "confirmed") ??
        null;
      update({ step: latest ? "done" : "none", reservation: latest, reservations, busy: null });
      return;
    }
    return start(saved.admission, saved.eventId);
  }

  function setIdentity(fields: Partial<IdentityInput>): void {
    if (!draft || draft.reservationKey !== null) return;
    const fieldErrors: IdentityFieldErrors = { ...view.fieldErrors };
    for (const field of Object.keys(fields) as (keyof IdentityInput)[]) delete fieldErrors[field];
    // A changed body is a new logical action: a new key, and the old identity no longer holds.
    void saveDraft(
      { ...draft, ...fields, identityKey: null, identityToken: null, maskedName: null },
      { fieldErrors },
    );
  }

  async function submitIdentity(): Promise<void> {
    if (!draft || view.busy === "identity") return;
    const check = validateIdentity({ name: draft.name, birthDate: draft.birthDate, phone: draft.phone });
    if (!check.request) {
      update({ fieldErrors: check.errors, notice: notice("validation_failed") });
      return;
    }
    const request = check.request;
    // Save the normalized fields and the key before sending, so a retry after a reload replays.
    const key = draft.identityKey ?? newId();
    await saveDraft(
      { ...draft, ...request, identityKey: key },
      { fieldErrors: {}, busy: "identity", notice: null },
    );
    const admission = draft.admission;
    try {
      const reply = await call((signal) => api.verifyIdentity(request, admission.token, key, { signal }));
      const identity = reply.body.identity;
      if (!draft) return;
      if (!identity.eligible) {
        const existing =
          identity.reason === "already_reserved"
            ? ((await loadStoredReservations()).find((r) => r.status === "confirmed") ?? null)
            : null;
        update({
          step: "ineligible",
          busy: null,
          ineligibleReason: identity.reason,
          existingReservation: existing,
          notice: notice(identity.reason ?? "not_eligible"),
        });
        return;
      }
      await saveDraft(
        { ...draft, identityToken: identity.token, maskedName: identity.maskedName },
        { step: "center", busy: null, ineligibleReason: null },
      );
      await ensureCatalog();
    } catch (error) {
      await onIdentityFailed(error);
    }
  }

  async function onIdentityFailed(error: unknown): Promise<void> {
    const problem = problemOf(error);
    if (!draft || isAbort(error)) return;
    if (problem?.code === "admission_expired") return expire();
    if (problem?.code === "validation_failed") {
      const fieldErrors: IdentityFieldErrors = {};
      for (const fieldError of problem.errors ?? []) {
        const field = toIdentityField(fieldError.field);
        if (field) fieldErrors[field] = fieldError.code;
      }
      // Nothing was remembered under the key; the corrected form gets a new one.
      await saveDraft(
        { ...draft, identityKey: null },
        { fieldErrors, busy: null, notice: notice(problem.code) },
      );
      return;
    }
    if (problem?.code === "idempotency_key_reused") {
      await saveDraft({ ...draft, identityKey: null });
    }
    fail(error);
  }

  async function chooseRegion(code: string): Promise<void> {
    if (!draft || draft.reservationKey !== null) return;
    const centerId = centersOf(code)?.some((c) => c.id === draft?.centerId) ? draft.centerId : null;
    await saveDraft(
      {
        ...draft,
        regionCode: code,
        centerId,
        date: centerId ? draft.date : null,
        time: centerId ? draft.time : null,
      },
      { centers: centersOf(code), centerQuery: "", notice: null },
    );
    void savePreferences({ lastRegionCode: code });
    if (centersOf(code)) return;
    update({ busy: "catalog" });
    try {
      const reply = await call((signal) => api.listCenters(code, { signal }));
      const others = (catalog?.centers ?? []).filter((c) => c.region !== code);
      catalog = {
        regions: catalog?.regions ?? null,
        centers: [...others, ...reply.body.centers],
        fetchedAt: catalog?.fetchedAt ?? clock.now(),
      };
      void store.putCatalog(catalog).catch(() => undefined);
      if (view.regionCode === code) update({ centers: centersOf(code), busy: null });
    } catch (error) {
      fail(error);
    }
  }

  function setCenterQuery(query: string): void {
    update({ centerQuery: query });
  }

  async function chooseCenter(centerId: string): Promise<void> {
    if (!draft || draft.reservationKey !== null) return;
    const same = draft.centerId === centerId;
    const region = catalog?.centers?.find((c) => c.id === centerId)?.region ?? draft.regionCode;
    await saveDraft(
      {
        ...draft,
        centerId,
        regionCode: region,
        date: same ? draft.date : null,
        time: same ? draft.time : null,
      },
      { step: "slot", notice: null, slots: same ? view.slots : null },
    );
    void savePreferences({ lastCenterId: centerId, lastRegionCode: region });
    return loadSlots();
  }

  async function loadSlots(from?: string, to?: string): Promise<void> {
    if (!draft?.centerId) return;
    const today = seoulDate(serverClock.serverNow());
    const rangeFrom = from ?? today;
    const rangeTo = to ?? addDays(rangeFrom, SLOT_RANGE_DAYS - 1);
    const { centerId, admission } = draft;
    update({ busy: "slots", slotRange: { from: rangeFrom, to: rangeTo } });
    try {
      const reply = await call((signal) =>
        api.listSlots(centerId, rangeFrom, rangeTo, admission.token, { signal }),
      );
      if (draft?.centerId !== centerId) return;
      update({
        slots: reply.body.slots,
        busy: null,
        notice: view.notice?.code === "slot_full" ? view.notice : null,
      });
    } catch (error) {
      if (problemOf(error)?.code === "admission_expired") return expire();
      fail(error);
    }
  }

  async function chooseSlot(date: string, time: string): Promise<void> {
    if (!draft || draft.reservationKey !== null) return;
    const slot = view.slots?.find((s) => s.date === date && s.time === time);
    if (!slot || slot.remaining <= 0) return;
    await saveDraft({ ...draft, date, time }, { step: "confirm", notice: null });
  }

  function goTo(step: "identity" | "center" | "slot"): void {
    if (!draft || draft.reservationKey !== null || view.busy === "confirm") return;
    update({ step, notice: null });
    if (step === "slot" && !view.slots) void loadSlots();
    if (step === "center") void ensureCatalog();
  }

  async function confirm(): Promise<void> {
    if (!draft || confirming) return;
    if (admissionOver(draft) && draft.reservationKey === null) return expire();
    if (!reservationBody(draft)) return;
    if (draft.reservationKey === null) {
      // Saved BEFORE the first attempt: a reload or a lost answer replays this same key.
      await saveDraft({ ...draft, reservationKey: newId() }, { notice: null });
    }
    if (replayTimer !== null) clock.clearTimeout(replayTimer);
    replayTimer = null;
    return runConfirm();
  }

  // ---- reservations ---------------------------------------------------------------------------

  async function loadReservations(): Promise<void> {
    update({ reservations: await loadStoredReservations() });
  }

  async function keepReservation(reservation: Reservation): Promise<void> {
    try {
      await store.putReservation(reservation);
    } catch {
      update({ notice: notice("storage_unavailable") });
    }
    const reservations = await loadStoredReservations();
    update({
      reservations,
      reservation:
        view.reservation?.id === reservation.id || view.reservation === null ? reservation : view.reservation,
    });
  }

  async function openReservation(id: string): Promise<void> {
    const reservations = await loadStoredReservations();
    const found = reservations.find((r) => r.id === id) ?? null;
    update({ reservations, reservation: found, notice: found ? null : notice("not_found") });
    if (found) return refreshReservation(id);
  }

  async function refreshReservation(id: string): Promise<void> {
    const known = view.reservations.find((r) => r.id === id) ?? view.reservation;
    if (!known || known.id !== id) return;
    if (!view.online) {
      update({ notice: notice("offline") });
      return;
    }
    update({ busy: "reservation" });
    try {
      const reply = await call((signal) => api.getReservation(id, known.accessToken, { signal }));
      update({ busy: null, notice: null });
      await keepReservation(reply.body.reservation);
    } catch (error) {
      fail(error);
    }
  }

  async function cancelReservation(id: string): Promise<void> {
    const known = view.reservations.find((r) => r.id === id) ?? view.reservation;
    if (!known || known.id !== id || view.busy === "cancel") return;
    update({ busy: "cancel", notice: null });
    try {
      // DELETE is idempotent: retrying after a lost answer is safe.
      const reply = await call((signal) => api.cancelReservation(id, known.accessToken, { signal }));
      update({ busy: null });
      await keepReservation(reply.body.reservation);
    } catch (error) {
      fail(error);
    }
  }

  function setOnline(online: boolean): void {
    if (online === view.online) return;
    update({
      online,
      notice: online ? (view.notice?.code === "offline" ? null : view.notice) : notice("offline"),
    });
    // Back online: find out at once what happened to a confirm in doubt.
    if (online && draft?.reservationKey && !confirming) {
      if (replayTimer !== null) clock.clearTimeout(replayTimer);
      replayTimer = null;
      void runConfirm();
    }
  }

  /** Cuts off every request and the current confirm run (its key stays saved for the next). */
  function endSession(): void {
    session.abort();
    session = new AbortController();
    confirming = false;
    confirmRun += 1;
  }

  function stop(): void {
    endSession();
    for (const timer of [expiryTimer, replayTimer]) if (timer !== null) clock.clearTimeout(timer);
    expiryTimer = null;
    replayTimer = null;
  }

  return {
    getView: () => view,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    serverNow: () => serverClock.serverNow(),
    prefetchCatalog: async () => {
      if (!catalog) await loadCatalogFromStore();
      await ensureCatalog();
    },
    start,
    resume,
    setIdentity,
    submitIdentity,
    chooseRegion,
    setCenterQuery,
    chooseCenter,
    loadSlots,
    chooseSlot,
    goTo,
    confirm,
    dismissNotice: () => update({ notice: null }),
    loadReservations,
    openReservation,
    refreshReservation,
    cancelReservation,
    setOnline,
    stop,
  };
}
