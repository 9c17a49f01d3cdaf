// Split off with the waiting room (src/app/wire-queue.ts).
import type { PushApi } from "../core/api/types.ts";
import { createTurnPush, type PushTicket, type TurnPush } from "../core/push/turn-push.ts";
import type { QueueClient, QueuePhase } from "../core/queue/types.ts";
import type { Lang } from "../i18n/core.ts";
import { browserPushPort } from "../platform/push.ts";

/** What the service worker posts to open pages when a turn push arrives. */
export const PUSH_MESSAGE = "jari-push";

/** Phases after which the server needs no subscription any more (it forgets it after "admitted" itself). */
const OVER = new Set<QueuePhase>(["left", "expired", "closed", "moved", "error"]);

export interface PushWiring {
  turn: TurnPush;
  ticket: () => PushTicket | null;
  installForPush: boolean;
  /** Connects push to the queue client once it exists; `wanted` says whether the user turned alerts on. */
  attach(queue: QueueClient, wanted: () => boolean): void;
}

/**
 * Your-turn Web Push around the queue client: the queue reads rarely while
 * hidden when push is on; a ticket that ends (or is left) has its
 * subscription deleted; after a reload, or for a new ticket, a user who
 * turned alerts on gets the current subscription PUT again (the server may
 * have lost it, and PUT replaces).
 */
export function wirePush(api: PushApi, lang: () => Lang): PushWiring {
  const turn = createTurnPush({ api, port: browserPushPort(), lang });
  let queue: QueueClient | null = null;
  return {
    turn,
    ticket: () => queue?.liveTicket() ?? null,
    installForPush: iosOutsideApp(),
    attach(client, wanted) {
      queue = client;
      turn.subscribe((state) => client.setPush(state === "on"));
      let syncedFor: string | null = null;
      const follow = () => {
        const view = client.getView();
        if (OVER.has(view.phase)) {
          syncedFor = null;
          if (turn.state() === "on") void turn.disable();
          return;
        }
        const ticket = client.liveTicket();
        if (!ticket || ticket.ticketId === syncedFor) return;
        syncedFor = ticket.ticketId;
        void turn.available().then((ok) => {
          if (ok && wanted()) return turn.enable(ticket);
        });
      };
      client.subscribe(follow);
      follow();
      // The service worker forwards every turn push to open pages (src/sw.ts): read the status now.
      navigator.serviceWorker?.addEventListener("message", (event: MessageEvent) => {
        const data = event.data as { type?: unknown; push?: { type?: unknown; ticketId?: unknown } } | null;
        if (data?.type !== PUSH_MESSAGE) return;
        const ticketId = data.push?.type === "admitted" ? data.push.ticketId : undefined;
        client.wake(typeof ticketId === "string" ? ticketId : undefined);
      });
    },
  };
}

function iosOutsideApp(): boolean {
  const ios = /iphone|ipad|ipod/i.test(navigator.userAgent);
  const standalone =
    (navigator as Navigator & { standalone?: boolean }).standalone === true ||
    matchMedia("(display-mode: standalone)").matches;
  return ios && !standalone;
}
