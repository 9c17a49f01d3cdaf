import { type ApiClient, ApiError, type ApiReply } from "../../src/core/api/types.ts";
import type { Center, Region, Reservation, Slot } from "../../src/core/contract/types.ts";

export const reply = <T>(body: T, status = 200): Promise<ApiReply<T>> =>
  Promise.resolve({ body, status, replayed: false });

export const problem = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  new ApiError({
    kind: "http",
    status,
    problem: { type: "about:blank", title: code, status, code, ...extra },
    retryAfterMs: null,
  });

export const REGIONS: Region[] = [
  { code: "11", name: { ko: "서울특별시", en: "Seoul" } },
  { code: "26", name: { ko: "부산광역시", en: "Busan" } },
];
export const CENTERS: Center[] = [
  {
    id: "vc-11-01",
    region: "11",
    name: { ko: "중구 예방접종센터", en: "Jung-gu Vaccination Center" },
    address: { ko: "서울특별시 중구 세종대로 110", en: "110 Sejong-daero, Jung-gu, Seoul" },
  },
  {
    id: "vc-11-02",
    region: "11",
    name: { ko: "강남구 예방접종센터", en: "Gangnam-gu Vaccination Center" },
    address: { ko: "서울특별시 강남구 학동로 426", en: "426 Hakdong-ro, Gangnam-gu, Seoul" },
  },
];
export const SLOTS: Slot[] = [
  { date: "2021-07-20", time: "09:00", remaining: 0 },
  { date: "2021-07-20", time: "09:30", remaining: 3 },
  { date: "2021-07-21", time: "10:00", remaining: 12 },
  { date: "2021-07-22", time: "09:00", remaining: 0 },
];
export const RESERVATION: Reservation = {
  id: "r-1",
  code: "K7Q-29XD",
  accessToken: "access",
  center: {
    id: "vc-11-01",
    name: CENTERS[0]?.name ?? { ko: "", en: "" },
    address: CENTERS[0]?.address ?? { ko: "", en: "" },
  },
  firstDose: { date: "2021-07-20", time: "09:30" },
  secondDose: { date: "2021-08-31", time: "09:30" },
  vaccine: "mRNA",
  status: "confirmed",
  createdAt: "2021-07-19T20:05:00.000+09:00",
};

const unused = () => Promise.reject(new Error("not used in this test"));

/** An ApiClient answering the booking calls from fixed data; override any call per test. */
export function stubApi(overrides: Partial<ApiClient> = {}): ApiClient {
  return {
    getTime: unused,
    listEvents: unused,
    joinQueue: unused,
    getTicketStatus: unused,
    leaveQueue: unused,
    verifyIdentity: () =>
      reply({
        identity: { token: "id-token", maskedName: "홍*동", birthYear: 1964, eligible: true, reason: null },
      }),
    listRegions: () => reply({ regions: REGIONS }),
    listCenters: (region) =>
      reply({ centers: CENTERS.filter((c) => region === null || c.region === region) }),
    listSlots: () => reply({ slots: SLOTS }),
    createReservation: () => reply({ reservation: RESERVATION }, 201),
    getReservation: () => reply({ reservation: RESERVATION }),
    cancelReservation: () => reply({ reservation: { ...RESERVATION, status: "cancelled" as const } }),
    ...overrides,
  };
}
