import { addDays, seoulDate } from "../../core/booking/dates.ts";
import type { BookingClient, BookingView } from "../../core/booking/types.ts";
import type { Slot } from "../../core/contract/types.ts";
import type { Lang } from "../../i18n/core.ts";
import { formatDate } from "../../i18n/format.ts";
import type { Translate } from "./i18n.ts";

type Props = { client: BookingClient; view: BookingView; lang: Lang; t: Translate };

function byDate(slots: readonly Slot[]): [string, Slot[]][] {
  const groups = new Map<string, Slot[]>();
  for (const slot of slots) groups.set(slot.date, [...(groups.get(slot.date) ?? []), slot]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** Dates and times with the places left; full ones are disabled. */
export function SlotStep({ client, view, lang, t }: Props) {
  const range = view.slotRange;
  const today = seoulDate(client.serverNow());
  const move = (days: number) => {
    if (!range) return;
    void client.loadSlots(addDays(range.from, days), addDays(range.to, days));
  };
  return (
    <div class="slot-step">
      {view.center && (
        <p class="meta">
          {view.center.name[lang]} · {view.center.address[lang]}
        </p>
      )}
      {range && (
        <p class="meta">
          {t("booking.slot.range", { from: formatDate(lang, range.from), to: formatDate(lang, range.to) })}
        </p>
      )}
      {view.busy === "slots" && (
        <p role="status" class="loading">
          {t("booking.loading")}
        </p>
      )}
      {view.slots !== null && view.slots.length === 0 && <p>{t("booking.slot.none")}</p>}
      {byDate(view.slots ?? []).map(([date, slots]) => (
        <fieldset class="slot-day" key={date}>
          <legend>{formatDate(lang, date)}</legend>
          <ul class="choice-grid">
            {slots.map((slot) => {
              const full = slot.remaining <= 0;
              return (
                <li key={slot.time}>
                  <button
                    type="button"
                    class="choice slot"
                    data-testid="slot-option"
                    data-date={slot.date}
                    data-time={slot.time}
                    disabled={full}
                    aria-pressed={view.date === slot.date && view.time === slot.time}
                    onClick={() => void client.chooseSlot(slot.date, slot.time)}
                  >
                    <span class="choice-title">{slot.time}</span>
                    <span class="choice-detail">
                      {full ? t("booking.slot.full") : t("booking.slot.remaining", { count: slot.remaining })}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </fieldset>
      ))}
      <div class="actions">
        {range && range.from > today && (
          <button type="button" class="btn btn-secondary" onClick={() => move(-14)}>
            {t("booking.slot.previous")}
          </button>
        )}
        {range && (
          <button type="button" class="btn btn-secondary" onClick={() => move(14)}>
            {t("booking.slot.next")}
          </button>
        )}
      </div>
    </div>
  );
}
