/** Short codes a person can read out over the phone: "K7Q-29XD", without 0/O/1/I. */
import type { SeededRandom } from "../random.ts";

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export function reservationCode(random: SeededRandom, taken: (code: string) => boolean): string {
  for (;;) {
    let code = "";
    for (let i = 0; i < 7; i++) code += ALPHABET[random.int(ALPHABET.length)];
    code = `${code.slice(0, 3)}-${code.slice(3)}`;
    if (!taken(code)) return code;
  }
}
