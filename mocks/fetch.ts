/**
 * A fetch-compatible function that calls the model directly, with no MSW and
 * no sockets: for the fleet simulation and fast tests. Connection faults look
 * as they do to a browser's fetch: a drop rejects with TypeError, a hang stays
 * pending until the caller's signal aborts, a cut body errors while read.
 */
import type { Backend } from "./model/index.ts";
import {
  abortableDelay,
  completeResponse,
  cutResponse,
  hangUntilAborted,
  toMockRequest,
} from "./web-response.ts";

export interface ModelFetchOptions {
  /** Origin for relative URLs. Default "http://localhost". */
  origin?: string;
  /** How to wait out an outcome's delayMs (default: setTimeout). Inject to drive it from a fake clock. */
  sleep?: (ms: number, signal?: AbortSignal | null) => Promise<void>;
}

export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

export function createModelFetch(backend: Backend, opts: ModelFetchOptions = {}): FetchLike {
  const origin = opts.origin ?? "http://localhost";
  const sleep = opts.sleep ?? abortableDelay;
  return async (input, init) => {
    const request =
      input instanceof Request ? new Request(input, init) : new Request(new URL(String(input), origin), init);
    const signal = init?.signal ?? request.signal;
    if (signal?.aborted) throw signal.reason;
    const outcome = await backend.handle(await toMockRequest(request));
    if (outcome.kind === "hang") return hangUntilAborted(signal);
    if (outcome.delayMs) await sleep(outcome.delayMs, signal);
    if (signal?.aborted) throw signal.reason;
    switch (outcome.kind) {
      case "drop":
        throw new TypeError("fetch failed");
      case "cut":
        return cutResponse(outcome.status, outcome.headers, outcome.partialBody);
      case "respond":
        return completeResponse(outcome.status, outcome.headers, outcome.body);
    }
  };
}
