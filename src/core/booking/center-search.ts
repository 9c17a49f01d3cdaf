import type { Center } from "../contract/types.ts";

function fold(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(/\s+/g, "");
}

/**
 * Centers whose name or address (either language) contains the query,
 * ignoring case and spaces, so "서울 중구" finds "서울특별시 중구 …".
 */
export function filterCenters(centers: readonly Center[], query: string): Center[] {
  const needle = fold(query);
  if (needle === "") return [...centers];
  return centers.filter((center) =>
    [center.name.ko, center.name.en, center.address.ko, center.address.en].some((text) =>
      fold(text).includes(needle),
    ),
  );
}
