/** The 17 시도 with their 2-digit 행정구역 codes. */
import type { Region } from "../../../src/core/contract/types.ts";

export const REGIONS: readonly Region[] = [
  { code: "11", name: { ko: "서울특별시", en: "Seoul" } },
  { code: "26", name: { ko: "부산광역시", en: "Busan" } },
  { code: "27", name: { ko: "대구광역시", en: "Daegu" } },
  { code: "28", name: { ko: "인천광역시", en: "Incheon" } },
  { code: "29", name: { ko: "광주광역시", en: "Gwangju" } },
  { code: "30", name: { ko: "대전광역시", en: "Daejeon" } },
  { code: "31", name: { ko: "울산광역시", en: "Ulsan" } },
  { code: "36", name: { ko: "세종특별자치시", en: "Sejong" } },
  { code: "41", name: { ko: "경기도", en: "Gyeonggi-do" } },
  { code: "43", name: { ko: "충청북도", en: "Chungcheongbuk-do" } },
  { code: "44", name: { ko: "충청남도", en: "Chungcheongnam-do" } },
  { code: "46", name: { ko: "전라남도", en: "Jeollanam-do" } },
  { code: "47", name: { ko: "경상북도", en: "Gyeongsangbuk-do" } },
  { code: "48", name: { ko: "경상남도", en: "Gyeongsangnam-do" } },
  { code: "50", name: { ko: "제주특별자치도", en: "Jeju" } },
  { code: "51", name: { ko: "강원특별자치도", en: "Gangwon" } },
  { code: "52", name: { ko: "전북특별자치도", en: "Jeonbuk" } },
];
