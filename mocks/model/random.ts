/**
 * Seeded pseudo-random numbers (mulberry32). The whole generator state is one
 * 32-bit integer, so it survives a JSON snapshot and replays exactly.
 */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Current state, to be stored in a snapshot. */
  state(): number;
}

export function createRandom(seed: number): SeededRandom {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n), state: () => s };
}

/**
 * A stateless hash of a seed and strings to [0, 1), for values that must be a
 * pure function of their inputs (e.g. how full a slot is at a given time).
 */
export function hash01(seed: number, ...parts: string[]): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      h ^= part.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= 0x2f;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return createRandom(h).next();
}

const ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/** A random lower-case id such as "t_k3m9x2pq7a". */
export function randomId(random: SeededRandom, prefix: string, length = 12): string {
  let id = `${prefix}_`;
  for (let i = 0; i < length; i++) id += ID_ALPHABET[random.int(ID_ALPHABET.length)];
  return id;
}
