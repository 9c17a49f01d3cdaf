/** A backend on a manual clock, and small helpers to call it, for the model's tests. */
import { type BackendOptions, createBackend, type MockOutcome } from "../index.ts";

/** 2021-07-19 20:00 KST, the evening the 55-59 pre-booking reopened. */
export const T0 = Date.parse("2021-07-19T11:00:00Z");

export interface ManualClock {
  now: () => number;
  advance(ms: number): void;
  set(ms: number): void;
}

export function manualClock(start = T0): ManualClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    set: (ms) => {
      t = ms;
    },
  };
}

export function setup(opts: Omit<BackendOptions, "now"> = {}) {
  const clock = manualClock();
  const backend = createBackend({ ...opts, now: clock.now });
  let keys = 0;
  const call = async (
    method: string,
    url: string,
    init: { body?: unknown; token?: string; key?: string | null; headers?: Record<string, string> } = {},
  ): Promise<MockOutcome> => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (method === "POST" && init.key !== null) {
      keys += 1;
      headers["idempotency-key"] = init.key ?? `00000000-0000-4000-8000-${String(keys).padStart(12, "0")}`;
    }
    const body =
      init.body === undefined ? null : typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    return backend.handle({ method, url: `/api/v1${url}`, headers, body });
  };
  return { clock, backend, call };
}

/** The parsed JSON body of an answered request; fails the test on drop/hang/cut. */
export function bodyOf<T = Record<string, unknown>>(outcome: MockOutcome): T {
  if (outcome.kind !== "respond") throw new Error(`expected an answer, got ${outcome.kind}`);
  return JSON.parse(outcome.body ?? "null") as T;
}

export function statusOf(outcome: MockOutcome): number | string {
  return outcome.kind === "respond" || outcome.kind === "cut" ? outcome.status : outcome.kind;
}

/** Joins the line of `eventId` and waits (on the manual clock) until admitted; returns the admission token. */
export async function admit(
  h: ReturnType<typeof setup>,
  eventId = "c55-59",
): Promise<{ admissionToken: string; ticketId: string; ticketToken: string }> {
  const joined = bodyOf<{ ticket: { id: string; token: string }; status: { etaSeconds: number | null } }>(
    await h.call("POST", `/events/${eventId}/tickets`),
  );
  h.clock.advance(((joined.status.etaSeconds ?? 0) + 1) * 1000);
  const status = bodyOf<{ state: string; admission?: { token: string } }>(
    await h.call("GET", `/events/${eventId}/tickets/${joined.ticket.id}`, { token: joined.ticket.token }),
  );
  if (status.state !== "admitted" || !status.admission) throw new Error(`not admitted: ${status.state}`);
  return {
    admissionToken: status.admission.token,
    ticketId: joined.ticket.id,
    ticketToken: joined.ticket.token,
  };
}
