/**
 * The pre-queue shuffle at opening: every real pre-queued ticket gets a
 * uniformly random place among the 1..P+R pre-queue numbers, independent of
 * when in the window it arrived.
 */
import type { SeededRandom } from "../random.ts";

/** Floyd's algorithm: a uniform random k-subset of 1..n in O(k) draws, then a uniform assignment. */
export function shufflePlaces(ids: readonly string[], n: number, random: SeededRandom): Map<string, number> {
  const k = ids.length;
  const chosen = new Set<number>();
  for (let j = n - k + 1; j <= n; j++) {
    const t = 1 + random.int(j);
    chosen.add(chosen.has(t) ? j : t);
  }
  const order = [...ids];
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [order[i], order[j]] = [order[j] as string, order[i] as string];
  }
  const places = [...chosen];
  return new Map(order.map((id, i) => [id, places[i] as number]));
}
