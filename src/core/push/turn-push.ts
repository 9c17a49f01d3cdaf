import { ApiError, type PushApi } from "../api/types.ts";
import type { PushSubscription } from "../contract/types.ts";

/** The ticket a push subscription belongs to (the token authorises PUT/DELETE .../push). */
export interface PushTicket {
  eventId: string;
  ticketId: string;
  token: string;
}

/** The browser's Push API as core needs it (src/platform/push.ts); tests pass fakes. */
export interface PushPort {
  /** false when this browser cannot receive Web Push here (no PushManager, no worker, iOS outside the app). */
  supported(): boolean;
  /** Subscribes (or returns the existing subscription) for this application server key. */
  subscribe(applicationServerKey: string): Promise<PushSubscription>;
  /** The current subscription, if any. */
  current(): Promise<PushSubscription | null>;
}

/**
 * - unavailable: the server has no push (404 key) or this browser cannot receive it.
 * - off: push could be on, but is not for this ticket.
 * - on: the server holds a subscription for this ticket.
 */
export type PushState = "unknown" | "unavailable" | "off" | "on";

export interface TurnPush {
  state(): PushState;
  /** Whether push can be offered; asks the server once per session (GET /push/key). */
  available(): Promise<boolean>;
  /** Subscribes and hands the subscription to the server for this ticket. Resolves to the new state. */
  enable(ticket: PushTicket): Promise<PushState>;
  /** Tells the server to forget this ticket's subscription (turned off, left, or ended). */
  disable(): Promise<void>;
  subscribe(listener: (state: PushState) => void): () => void;
}

/**
 * The your-turn push's lifecycle on the page, framework-free. The admission
 * itself never comes from a push: the push only wakes the app, which reads its
 * status. Failures leave push "off" (polling goes on as without push); nothing
 * here throws to the caller.
 */
export function createTurnPush(options: { api: PushApi; port: PushPort; lang: () => "ko" | "en" }): TurnPush {
  const { api, port } = options;
  let key: Promise<string | null> | null = null;
  let current: PushState = "unknown";
  /** Kept in memory only: the stored ticket loses its token when it ends, and DELETE still needs it. */
  let subscribedFor: PushTicket | null = null;
  const listeners = new Set<(state: PushState) => void>();
  const set = (next: PushState): PushState => {
    if (next !== current) {
      current = next;
      for (const listener of [...listeners]) listener(next);
    }
    return next;
  };

  const publicKey = (): Promise<string | null> => {
    key ??= api.getPushKey().then(
      (reply) => reply.body.publicKey,
      (error: unknown) => {
        // 404: this server has no push, for good. Anything else may pass: ask again next time.
        if (!(error instanceof ApiError && error.failure.kind === "http" && error.failure.status === 404))
          key = null;
        return null;
      },
    );
    return key;
  };

  return {
    state: () => current,
    async available() {
      if (!port.supported()) {
        set("unavailable");
        return false;
      }
      const k = await publicKey();
      if (current === "unknown" || current === "unavailable") set(k === null ? "unavailable" : "off");
      return k !== null;
    },
    async enable(ticket) {
      if (!port.supported()) return set("unavailable");
      const k = await publicKey();
      if (k === null) return set("unavailable");
      try {
        const subscription = await port.subscribe(k);
        await api.subscribePush(ticket.eventId, ticket.ticketId, ticket.token, {
          subscription,
          lang: options.lang(),
        });
        subscribedFor = ticket;
        return set("on");
      } catch {
        return set("off");
      }
    },
    async disable() {
      const ticket = subscribedFor;
      subscribedFor = null;
      if (current === "on") set("off");
      if (!ticket) return;
      await api.unsubscribePush(ticket.eventId, ticket.ticketId, ticket.token).catch(() => undefined);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
