// INTERIM until src/core/api/client.ts (H2) lands: only what the home screen needs, no validation.
import { type ApiClient, ApiError, type ApiReply } from "../core/api/types.ts";

export function createInterimApi(baseUrl: string): ApiClient {
  async function get<T>(path: string): Promise<ApiReply<T>> {
    let res: Response;
    try {
      res = await fetch(baseUrl + path);
    } catch (e) {
      throw new ApiError({ kind: "network", message: String(e) });
    }
    const body = (await res.json()) as T;
    if (!res.ok)
      throw new ApiError({ kind: "http", status: res.status, problem: body as never, retryAfterMs: null });
    return { body, status: res.status, replayed: false };
  }
  const missing = () => Promise.reject(new ApiError({ kind: "network", message: "not wired yet" }));
  return {
    getTime: () => get("/time"),
    listEvents: () => get("/events"),
    joinQueue: missing,
    getTicketStatus: missing,
    leaveQueue: missing,
    verifyIdentity: missing,
    listRegions: () => get("/regions"),
    listCenters: () => get("/centers"),
    listSlots: missing,
    createReservation: missing,
    getReservation: missing,
    cancelReservation: missing,
  };
}
