import type { QueueView, TabsPort } from "../../src/core/queue/types.ts";

/** An in-memory stand-in for Web Locks + BroadcastChannel: tabs on one bus, first open tab leads. */
export function createTabsBus() {
  const tabs: Array<{
    id: number;
    open: boolean;
    leaderCbs: Set<(l: boolean) => void>;
    viewCbs: Set<(v: QueueView) => void>;
    last: QueueView | null;
  }> = [];
  let leaderId: number | null = null;
  const electNext = () => {
    const next = tabs.find((t) => t.open);
    leaderId = next?.id ?? null;
    if (next) for (const cb of next.leaderCbs) cb(true);
  };
  return {
    open(): TabsPort & { close(): void } {
      const tab = {
        id: tabs.length,
        open: true,
        leaderCbs: new Set<(l: boolean) => void>(),
        viewCbs: new Set<(v: QueueView) => void>(),
        last: null as QueueView | null,
      };
      tabs.push(tab);
      if (leaderId === null) leaderId = tab.id;
      return {
        isLeader: () => leaderId === tab.id,
        onLeaderChange(cb) {
          tab.leaderCbs.add(cb);
          return () => tab.leaderCbs.delete(cb);
        },
        publish(view) {
          tab.last = view;
          for (const other of tabs) if (other !== tab && other.open) for (const cb of other.viewCbs) cb(view);
        },
        onRemoteView(cb) {
          tab.viewCbs.add(cb);
          // Like src/platform/tabs.ts: a tab that starts listening asks, and the leader answers with its view.
          const leader = tabs.find((t) => t.id === leaderId && t !== tab && t.open);
          const view = leader?.last;
          if (view) queueMicrotask(() => tab.viewCbs.has(cb) && tab.open && cb(view));
          return () => tab.viewCbs.delete(cb);
        },
        close() {
          tab.open = false;
          if (leaderId === tab.id) electNext();
        },
      };
    },
  };
}
