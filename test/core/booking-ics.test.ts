import { describe, expect, it } from "vitest";
import { escapeIcsText, foldIcsLine, reservationToIcs } from "../../src/core/booking/ics.ts";
import type { Reservation } from "../../src/core/contract/types.ts";

const reservation: Reservation = {
  id: "r-123",
  code: "K7Q-29XD",
  accessToken: "secret",
  center: {
    id: "c-1",
    name: { ko: "서울 중구 예방접종센터", en: "Jung-gu Vaccination Center" },
    address: { ko: "서울특별시 중구 세종대로 110", en: "110 Sejong-daero, Jung-gu, Seoul" },
  },
  firstDose: { date: "2021-07-26", time: "09:30" },
  secondDose: { date: "2021-09-06", time: "09:30" },
  vaccine: "mRNA",
  status: "confirmed",
  createdAt: "2021-07-19T20:05:00.000+09:00",
};

const text = {
  doseTitle: (dose: 1 | 2) => `코로나19 예방접종 ${dose}차`,
  description: "예약 번호 K7Q-29XD",
  location: "서울 중구 예방접종센터, 서울특별시 중구 세종대로 110; 1층",
};

const utf8Bytes = (line: string) => Buffer.byteLength(line, "utf8");

describe(".ics for a reservation", () => {
  const ics = reservationToIcs(reservation, text, Date.UTC(2021, 6, 19, 11, 5));

  it("holds both doses as VEVENTs in UTC (Seoul is UTC+9)", () => {
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics).toContain("DTSTART:20210726T003000Z");
    expect(ics).toContain("DTEND:20210726T010000Z");
    expect(ics).toContain("DTSTART:20210906T003000Z");
    expect(ics).toContain("UID:r-123-dose1@jari");
    expect(ics).toContain("UID:r-123-dose2@jari");
    expect(ics).toContain("DTSTAMP:20210719T110500Z");
  });

  it("uses CRLF line ends only, and no unfolded line is over 75 octets", () => {
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of ics.split("\r\n")) expect(utf8Bytes(line)).toBeLessThanOrEqual(75);
  });

  it("escapes commas and semicolons, and unfolding gives back the text", () => {
    const unfolded = ics.replace(/\r\n /g, "");
    expect(unfolded).toContain("LOCATION:서울 중구 예방접종센터\\, 서울특별시 중구 세종대로 110\\; 1층");
    expect(unfolded).toContain("SUMMARY:코로나19 예방접종 2차");
  });

  it("marks a cancelled reservation's events as cancelled", () => {
    const cancelled = reservationToIcs({ ...reservation, status: "cancelled" }, text, 0);
    expect(cancelled.match(/STATUS:CANCELLED/g)).toHaveLength(2);
  });

  it("escapes backslashes and newlines", () => {
    expect(escapeIcsText("a\\b\nc,d;e")).toBe("a\\\\b\\nc\\,d\\;e");
  });

  it("folds without splitting a multi-byte character", () => {
    const line = `DESCRIPTION:${"가".repeat(60)}`;
    const folded = foldIcsLine(line);
    const pieces = folded.split("\r\n ");
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join("")).toBe(line);
    expect(utf8Bytes(pieces[0] ?? "")).toBeLessThanOrEqual(75);
    for (const piece of pieces.slice(1)) expect(utf8Bytes(piece)).toBeLessThanOrEqual(74);
  });
});
