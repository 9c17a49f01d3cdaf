import type { CatalogPart } from "./catalog.ts";
import { addDays, seoulDate } from "./dates.ts";
import { problemOf } from "./failure.ts";
import type { BookingSession } from "./session.ts";

export interface ChoicesPart {
  chooseRegion(code: string): Promise<void>;
  setCenterQuery(query: string): void;
  chooseCenter(centerId: string): Promise<void>;
  loadSlots(from?: string, to?: string): Promise<void>;
  chooseSlot(date: string, time: string): Promise<void>;
  goTo(step: "identity" | "center" | "slot"): void;
}

/** Slots are offered for two weeks at a time, from today (Seoul). */
const SLOT_RANGE_DAYS = 14;

/**
 * Region, center and slot. Each choice is saved with the draft at once and the
 * last region and center are remembered; nothing can change while a confirm
 * is pending (its body must stay the same for replays).
 */
export function createChoicesPart(
  s: BookingSession,
  catalog: CatalogPart,
  hooks: { expire(): Promise<void> },
): ChoicesPart {
  const { api } = s.deps;
  const editable = () => (s.draft && s.draft.reservationKey === null ? s.draft : null);

  async function loadSlots(from?: string, to?: string): Promise<void> {
    if (!s.draft?.centerId) return;
    const rangeFrom = from ?? seoulDate(s.serverNow());
    const rangeTo = to ?? addDays(rangeFrom, SLOT_RANGE_DAYS - 1);
    const { centerId, admission } = s.draft;
    const bearer = admission.token;
    // The token goes when the admission is over (or used): nothing more to load under it.
    if (bearer === null) return hooks.expire();
    s.update({ busy: "slots", slotRange: { from: rangeFrom, to: rangeTo } });
    try {
      const reply = await s.call("slots", (signal) =>
        api.listSlots(centerId, rangeFrom, rangeTo, bearer, { signal }),
      );
      if (s.draft?.centerId !== centerId) return;
      // A slot_full notice stays up: it says why the user is back here.
      s.update({
        slots: reply.body.slots,
        busy: null,
        notice: s.view.notice?.code === "slot_full" ? s.view.notice : null,
      });
    } catch (error) {
      if (problemOf(error)?.code === "admission_expired") return hooks.expire();
      s.fail(error);
    }
  }

  return {
    async chooseRegion(code) {
      const draft = editable();
      if (!draft) return;
      const keepCenter = s.centersOf(code)?.some((c) => c.id === draft.centerId) ?? false;
      await s.saveDraft(
        {
          ...draft,
          regionCode: code,
          centerId: keepCenter ? draft.centerId : null,
          date: keepCenter ? draft.date : null,
          time: keepCenter ? draft.time : null,
        },
        { centers: s.centersOf(code), centerQuery: "", notice: null },
      );
      void s.savePreferences({ lastRegionCode: code });
      if (!s.centersOf(code)) await catalog.fetchRegion(code);
    },

    setCenterQuery(query) {
      s.update({ centerQuery: query });
    },

    async chooseCenter(centerId) {
      const draft = editable();
      if (!draft) return;
      const same = draft.centerId === centerId;
      const region = s.catalog?.centers?.find((c) => c.id === centerId)?.region ?? draft.regionCode;
      await s.saveDraft(
        {
          ...draft,
          centerId,
          regionCode: region,
          date: same ? draft.date : null,
          time: same ? draft.time : null,
        },
        { step: "slot", notice: null, slots: same ? s.view.slots : null },
      );
      void s.savePreferences({ lastCenterId: centerId, lastRegionCode: region });
      return loadSlots();
    },

    loadSlots,

    async chooseSlot(date, time) {
      const draft = editable();
      if (!draft) return;
      const slot = s.view.slots?.find((candidate) => candidate.date === date && candidate.time === time);
      if (!slot || slot.remaining <= 0) return;
      await s.saveDraft({ ...draft, date, time }, { step: "confirm", notice: null });
    },

    goTo(step) {
      if (!editable() || s.view.busy === "confirm") return;
      s.update({ step, notice: null });
      if (step === "slot" && !s.view.slots) void loadSlots();
      if (step === "center") void catalog.ensure();
    },
  };
}
