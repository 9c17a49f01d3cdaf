import type { Dose, Reservation } from "../contract/types.ts";
import { seoulEpoch } from "./dates.ts";

/** Words the calendar file needs, passed in so core stays free of the i18n catalog. */
export interface IcsText {
  /** Event title per dose, e.g. "COVID-19 vaccination (dose 1)". */
  doseTitle: (dose: 1 | 2) => string;
  /** Description line, e.g. "Reservation code K7Q-29XD". */
  description: string;
  /** Location line, e.g. "Jung-gu Center, 1 Sejong-daero". */
  location: string;
}

const APPOINTMENT_MINUTES = 30;

/** RFC 5545 §3.3.11: backslash, semicolon and comma are escaped, newlines become "\n". */
export function escapeIcsText(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

function utf8Length(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code < 0x10000) return 3;
  return 4;
}

/**
 * RFC 5545 §3.1: lines longer than 75 octets are folded with CRLF + space,
 * never inside a multi-byte UTF-8 character (Korean text is 3 bytes each).
 */
export function foldIcsLine(line: string): string {
  const pieces: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char);
    // Continuation lines start with a space, which counts toward their 75 octets.
    const limit = pieces.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      pieces.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  pieces.push(current);
  return pieces.join("\r\n ");
}

/** 20210726T003000Z */
function icsUtc(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

function doseEvent(
  reservation: Reservation,
  dose: Dose,
  index: 1 | 2,
  text: IcsText,
  stamp: number,
): string[] {
  const start = seoulEpoch(dose.date, dose.time);
  return [
    "BEGIN:VEVENT",
    `UID:${reservation.id}-dose${index}@jari`,
    `DTSTAMP:${icsUtc(stamp)}`,
    // Times in UTC (Z) need no VTIMEZONE and mean the same instant everywhere.
    `DTSTART:${icsUtc(start)}`,
    `DTEND:${icsUtc(start + APPOINTMENT_MINUTES * 60_000)}`,
    `SUMMARY:${escapeIcsText(text.doseTitle(index))}`,
    `LOCATION:${escapeIcsText(text.location)}`,
    `DESCRIPTION:${escapeIcsText(text.description)}`,
    `STATUS:${reservation.status === "cancelled" ? "CANCELLED" : "CONFIRMED"}`,
    "END:VEVENT",
  ];
}

/**
 * An iCalendar file holding both doses as VEVENTs. `stamp` is the DTSTAMP
 * (epoch ms; pass server time). Lines end with CRLF as the RFC requires.
 */
export function reservationToIcs(reservation: Reservation, text: IcsText, stamp: number): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Jari//Vaccine booking//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    ...doseEvent(reservation, reservation.firstDose, 1, text, stamp),
    ...doseEvent(reservation, reservation.secondDose, 2, text, stamp),
    "END:VCALENDAR",
  ];
  return `${lines.map(foldIcsLine).join("\r\n")}\r\n`;
}
