/** A stored reservation as the contract's Reservation. */
import type { Reservation } from "../../../src/core/contract/types.ts";
import { findCenter } from "../catalog/centers.ts";
import type { ReservationRecord } from "../state.ts";
import { toSeoulTimestamp } from "../time-format.ts";
import type { TokenSigner } from "../tokens.ts";

export async function toWireReservation(
  record: ReservationRecord,
  signer: TokenSigner,
): Promise<Reservation> {
  const center = findCenter(record.centerId);
  return {
    id: record.id,
    code: record.code,
    accessToken: await signer.sign({ k: "reservation", rid: record.id }),
    center: {
      id: record.centerId,
      name: center?.name ?? { ko: record.centerId, en: record.centerId },
      address: center?.address ?? { ko: "", en: "" },
    },
    firstDose: record.firstDose,
    secondDose: record.secondDose,
    vaccine: "mRNA",
    status: record.status,
    createdAt: toSeoulTimestamp(record.createdAt),
  };
}
