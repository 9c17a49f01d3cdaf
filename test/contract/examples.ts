/**
 * Valid example bodies for every response-side schema of the contract, keyed
 * by component name (the names of `decoders` in src/core/contract/decode.ts).
 * Several per schema where a field may be null or absent.
 */
import type * as T from "../../src/core/contract/types.ts";

const opensAt = "2021-07-19T20:00:00.000+09:00";
const serverTime = "2021-07-19T20:31:02.120+09:00";

const name: T.LocalizedText = { ko: "서울 중구 예방접종센터", en: "Jung-gu Vaccination Center, Seoul" };
const address: T.LocalizedText = { ko: "서울특별시 중구 을지로 39", en: "39 Eulji-ro, Jung-gu, Seoul" };

const event: T.BookingEvent = {
  id: "c50-54",
  name: { ko: "50~54세 사전예약", en: "Pre-booking, ages 50-54" },
  opensAt,
  closesAt: "2021-07-24T18:00:00+09:00",
  prequeueOpensAt: "2021-07-19T19:00:00.000+09:00",
  cohort: { birthYearFrom: 1967, birthYearTo: 1971 },
  status: "open",
};
// v1.1 operator notice: optional, nullable, at most 200 characters each.
const notice: T.Notice = {
  ko: "서울 지역 접종 기관은 마감되었습니다. 다른 지역은 예약 가능합니다.",
  en: "Slots in Seoul are full; other regions still have slots.",
};
const eventWithNotice: T.BookingEvent = { ...event, id: "c60-64", notice };
const eventWithoutPrequeue: T.BookingEvent = {
  ...event,
  id: "c55-59",
  prequeueOpensAt: null,
  status: "upcoming",
  notice: null,
};

const admission: T.Admission = { token: "YWRt.c2ln", expiresAt: "2021-07-19T20:41:02.120Z" };

const waiting: T.QueueStatus = {
  state: "waiting",
  number: 1_234_567,
  servingNumber: 1_200_000,
  ahead: 34_567,
  servingRatePerSecond: 850.5,
  etaSeconds: 41,
  pollAfterSeconds: 12,
  opensAt,
  serverTime,
};
const prequeue: T.QueueStatus = {
  ...waiting,
  state: "prequeue",
  number: null,
  ahead: null,
  etaSeconds: null,
};
const admitted: T.QueueStatus = { ...waiting, state: "admitted", ahead: 0, etaSeconds: 0, admission };
const closed: T.QueueStatus = { ...waiting, state: "closed", servingRatePerSecond: 0, notice: null };
const noticed: T.QueueStatus = { ...waiting, notice };

const identity: T.Identity = {
  token: "aWQ.c2ln",
  maskedName: "홍*동",
  birthYear: 1969,
  eligible: true,
  reason: null,
};
const ineligible: T.Identity = { ...identity, eligible: false, reason: "not_in_cohort" };

const region: T.Region = { code: "11", name: { ko: "서울특별시", en: "Seoul" } };
const center: T.Center = { id: "seoul-jung-1", name, region: "11", address };
const slot: T.Slot = { date: "2021-07-26", time: "09:30", remaining: 12 };
const dose: T.Dose = { date: "2021-07-26", time: "09:30" };

const reservation: T.Reservation = {
  id: "r-8f2c",
  code: "K7Q-29XD",
  accessToken: "cmVz.c2ln",
  center: { id: center.id, name, address },
  firstDose: dose,
  secondDose: { date: "2021-08-23", time: "09:30" },
  vaccine: "mRNA",
  status: "confirmed",
  createdAt: serverTime,
};

const problem: T.Problem = { type: "about:blank", title: "Not found", status: 404, code: "not_found" };

export const examples = {
  LocalizedText: [name],
  Cohort: [event.cohort],
  Notice: [notice, { ko: "", en: "x".repeat(200) }],
  Event: [event, eventWithoutPrequeue, eventWithNotice],
  EventsResponse: [
    { events: [event, eventWithoutPrequeue, eventWithNotice], serverTime },
    { events: [], serverTime },
  ],
  TicketRef: [{ id: "t-1", token: "dGlj.c2ln" }],
  Admission: [admission],
  QueueStatus: [waiting, prequeue, admitted, closed, noticed],
  JoinResponse: [
    { ticket: { id: "t-1", token: "dGlj.c2ln" }, status: prequeue },
    { ticket: { id: "t-2", token: "dGlj.c2ln" }, status: waiting },
  ],
  Identity: [identity, ineligible],
  IdentityResponse: [{ identity }, { identity: ineligible }],
  Region: [region],
  RegionsResponse: [{ regions: [region] }],
  Center: [center],
  CentersResponse: [{ centers: [center] }, { centers: [] }],
  Slot: [slot, { ...slot, remaining: 0 }],
  SlotsResponse: [{ slots: [slot] }],
  Dose: [dose],
  ReservationCenter: [reservation.center],
  Reservation: [reservation, { ...reservation, status: "cancelled" }],
  ReservationResponse: [{ reservation }],
  TimeResponse: [{ serverTime }, { serverTime: "2021-07-19T11:31:02Z" }],
  PushKeyResponse: [
    { publicKey: "BG-yXb8-iKDt7hHGoL6lcmMYVPqEfZiFGGZjsEt9wdplMC8iJMtFnTSoQr2nQNCQEMYjfWY2RY6Ey-oeOjySGYk" },
  ],
  PushNearFront: [
    { type: "near-front", eventId: "c55-59", ticketId: "t-1", ahead: 120, etaSeconds: 150 },
    { type: "near-front", eventId: "c55-59", ticketId: "t-2", ahead: 0, etaSeconds: 0 },
  ],
  PushAdmitted: [
    { type: "admitted", eventId: "c55-59", ticketId: "t-1", expiresAt: "2021-07-19T20:41:00+09:00" },
  ],
  FieldError: [{ field: "birthDate", code: "invalid" }],
  Problem: [
    problem,
    { ...problem, detail: "No such ticket", title: "Gone" },
    {
      type: "https://jari.example/problems/validation",
      title: "Invalid",
      status: 422,
      code: "validation_failed",
      errors: [{ field: "Idempotency-Key", code: "required" }],
    },
    {
      type: "about:blank",
      title: "Conflict",
      status: 409,
      code: "already_reserved",
      reservationId: "r-8f2c",
    },
  ],
} satisfies Record<string, unknown[]>;
