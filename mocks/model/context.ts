/** What a route handler gets: the state, the model clock's "now" for this request, and the request. */
import type { ModelEvent } from "./events.ts";
import type { SeededRandom } from "./random.ts";
import type { ModelResponse } from "./responses.ts";
import type { ModelState } from "./state.ts";
import type { TokenSigner } from "./tokens.ts";

export interface RequestContext {
  state: ModelState;
  /** Model clock at the moment the request is applied (epoch ms). */
  now: number;
  random: SeededRandom;
  events: ModelEvent[];
  signer: TokenSigner;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: string | null;
  /** Recent request rate over capacity (0 idle, 1 at capacity); stretches poll hints. */
  loadFactor: number;
  /** Set by a handler when this answer is the first to carry a ticket's admission. */
  firstAdmission: boolean;
  /** The VAPID application server key GET /push/key hands out. */
  pushPublicKey: string;
  /** Set when this status read was held for `Prefer: wait=N`: N, echoed in Preference-Applied. */
  heldFor: number | null;
}

export type RouteHandler = (ctx: RequestContext, params: string[]) => Promise<ModelResponse> | ModelResponse;

/** The bearer token from the Authorization header, if any. */
export function bearer(ctx: RequestContext): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(ctx.headers.authorization ?? "");
  return match?.[1] ?? null;
}

/** The request body as a JSON object, or null when it is missing or not an object. */
export function jsonObject(ctx: RequestContext): Record<string, unknown> | null {
  if (ctx.body === null) return null;
  try {
    const value: unknown = JSON.parse(ctx.body);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
