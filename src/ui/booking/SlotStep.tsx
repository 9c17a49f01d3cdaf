import { useState } from "preact/hooks";
import { addDays, seoulDate } from "../../core/booking/dates.ts";
import type { BookingClient, BookingView } from "../../core/booking/types.ts";
import type { Slot } from "../../core/contract/types.ts";
import type { Lang } from "../../i18n/core.ts";
import { formatDate } from "../../i18n/format-time.ts";
import type { Translate } from "./i18n.ts";
import { formatShortDate } from "./short-date.ts";

type Props = { client: BookingClient; view: BookingView; lang: Lang; t: Translate };

interface Day {
  date: string;
  slots: Slot[];
  remaining: number;
}

function byDate(slots: readonly Slot[]): Day[] {
  const groups = new Map<string, Slot[]>();
  for (const slot of slots) groups.set(slot.date, [...(groups.get(slot.date) ?? []), slot]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, daySlots]) => ({
      date,
      slots: daySlots.sort((a, b) => a.time.localeCompare(b.time)),
      remaining: daySlots.reduce((sum, s) => sum + Math.max(0, s.remaining), 0),
    }));
}

/**
 * A date first (fully booked days disabled), then its times with the places
 * left; full times are disabled. One day's times at a time keeps the list
 * short on a phone.
 */
export function SlotStep({ client, view, lang, t }: Props) {
  const range = view.slotRange;
  const today = seoulDate(client.serverNow());
  const days = byDate(view.slots ?? []);
  const [picked, setPicked] = useState<string | null>(null);
  const chosenDay =
    days.find((d) => d.date === (picked ?? view.date)) ??
    days.find((d) => d.remaining > 0) ??
    days[0] ??
    null;
  const move = (offset: number) => {
    if (!range) return;
    setPicked(null);
    void client.loadSlots(addDays(range.from, offset), addDays(range.to, offset));
  };
  return (
    <div class="slot-step">
      {view.center && (
        <p class="meta">
          {view.center.name[lang]} · {view.center.address[lang]}
        </p>
      )}
      {view.busy === "slots" && (
        <p role="status" class="loading">
          {t("booking.loading")}
        </p>
      )}
      {view.slots !== null && view.slots.length === 0 && <p>{t("booking.slot.none")}</p>}
      {days.length > 0 && (
        <fieldset class="slot-dates">
          <legend>{t("booking.slot.date")}</legend>
          <ul class="choice-grid dates">
            {days.map((day) => (
              <li key={day.date}>
                <button
                  type="button"
                  class="choice"
                  data-testid="slot-date"
                  data-date={day.date}
                  disabled={day.remaining === 0}
                  aria-pressed={chosenDay?.date === day.date}
                  onClick={() => setPicked(day.date)}
                >
                  <span class="choice-title">{formatShortDate(lang, day.date)}</span>
                  <span class="choice-detail">
                    {day.remaining === 0
                      ? t("booking.slot.full")
                      : t("booking.slot.remaining", { count: day.remaining })}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      {chosenDay && (
        <fieldset class="slot-day">
          <legend>{t("booking.slot.timesOn", { date: formatDate(lang, chosenDay.date) })}</legend>
          <ul class="choice-grid">
            {chosenDay.slots.map((slot) => {
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
      )}
      {range && (
        <p class="meta">
          {t("booking.slot.range", { from: formatDate(lang, range.from), to: formatDate(lang, range.to) })}
        </p>
      )}
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
