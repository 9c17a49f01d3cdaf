import type { QueueView, TabsPort } from "../core/queue/types.ts";

const LOCK_NAME = "jari-queue-leader";
const CHANNEL_NAME = "jari-queue";

/** What tabs say to each other on the channel. */
type TabMessage = { kind: "view"; view: QueueView } | { kind: "ask" };

/** The two browser features leader election uses; either may be missing. */
export interface TabsEnv {
  locks: Pick<LockManager, "request"> | null;
  openChannel: ((name: string) => BroadcastChannel) | null;
  /** Where the page's `freeze`/`resume` events arrive (the document); optional. */
  lifecycle?: Pick<EventTarget, "addEventListener" | "removeEventListener"> | null;
}

/** The TabsPort plus teardown, for the composition root. */
export interface Tabs extends TabsPort {
  /**
   * Resolves once this tab knows whether it leads (at most a task or two).
   * Create the queue client after it, so the client does not start as a
   * follower and then reload from the store in the middle of the user's join.
   */
  ready: Promise<void>;
  /** Give up leadership (another tab takes over) and stop listening. */
  close(): void;
}

/** The real browser's Web Locks and BroadcastChannel, where they exist. */
export function browserTabsEnv(): TabsEnv {
  return {
    locks: typeof navigator !== "undefined" && navigator.locks ? navigator.locks : null,
    openChannel: typeof BroadcastChannel === "function" ? (name) => new BroadcastChannel(name) : null,
    lifecycle: typeof document !== "undefined" ? document : null,
  };
}

/**
 * One poller per device. The tab holding the "jari-queue-leader" Web Lock is
 * the leader; the lock is held for the tab's lifetime, so when the tab closes
 * (or crashes) the browser hands it to the next waiting tab. Views travel
 * over a BroadcastChannel; a tab that starts listening asks for a fresh one.
 * A frozen tab cannot poll, so it hands the lock on at `freeze` and queues
 * for it again at `resume`.
 * Without Web Locks every tab is its own leader (more requests, never none).
 */
export function createTabs(env: TabsEnv = browserTabsEnv()): Tabs {
  const leaderListeners = new Set<(leader: boolean) => void>();
  const remoteListeners = new Set<(view: QueueView) => void>();
  let pending: AbortController | null = null;
  const channel = env.openChannel?.(CHANNEL_NAME) ?? null;
  let leader = env.locks === null;
  let lastPublished: QueueView | null = null;
  let releaseLock: (() => void) | null = null;
  let closed = false;

  const setLeader = (next: boolean) => {
    if (next === leader) return;
    leader = next;
    for (const listener of [...leaderListeners]) listener(next);
  };

  const post = (message: TabMessage) => {
    if (!channel || closed) return;
    try {
      channel.postMessage(message);
    } catch {
      // A closed or broken channel only costs the mirror, never the poller.
    }
  };

  if (channel) {
    channel.onmessage = (event: MessageEvent<TabMessage>) => {
      const message = event.data;
      if (message?.kind === "view") {
        for (const listener of [...remoteListeners]) listener(message.view);
      } else if (message?.kind === "ask" && leader && lastPublished) {
        post({ kind: "view", view: lastPublished });
      }
    };
  }

  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  const hold = (): Promise<void> => {
    setLeader(true);
    markReady();
    // Held until released here; the browser releases it if the tab goes away.
    return new Promise<void>((resolve) => {
      releaseLock = resolve;
    });
  };
  // Locks refused (e.g. an opaque origin): poll on our own. An abort was our own doing.
  const refused = (request: AbortController) => () => {
    markReady();
    if (!closed && !request.signal.aborted) setLeader(true);
  };
  const waitInLine = (locks: Pick<LockManager, "request">, request: AbortController) => {
    locks
      .request(LOCK_NAME, { signal: request.signal }, () =>
        closed || request.signal.aborted ? undefined : hold(),
      )
      .catch(refused(request));
  };
  const requestLock = () => {
    const locks = env.locks;
    if (!locks) {
      markReady();
      return;
    }
    const request = new AbortController();
    pending = request;
    // Ask without waiting first, so `ready` can say at once whether another tab leads.
    locks
      .request(LOCK_NAME, { ifAvailable: true }, (lock) => {
        if (closed || request.signal.aborted) return undefined;
        if (lock) return hold();
        markReady();
        waitInLine(locks, request);
        return undefined;
      })
      .catch(refused(request));
  };
  const giveUpLock = () => {
    pending?.abort();
    pending = null;
    releaseLock?.();
    releaseLock = null;
    setLeader(false);
  };
  const onFreeze = () => {
    if (env.locks) giveUpLock();
  };
  const onResume = () => {
    if (env.locks && !closed && pending === null) requestLock();
  };
  env.lifecycle?.addEventListener("freeze", onFreeze);
  env.lifecycle?.addEventListener("resume", onResume);
  requestLock();

  return {
    ready,
    isLeader: () => leader,
    onLeaderChange(listener) {
      leaderListeners.add(listener);
      return () => leaderListeners.delete(listener);
    },
    publish(view) {
      lastPublished = view;
      post({ kind: "view", view });
    },
    onRemoteView(listener) {
      remoteListeners.add(listener);
      // Whoever listens wants the current view now, not at the leader's next change.
      post({ kind: "ask" });
      return () => remoteListeners.delete(listener);
    },
    close() {
      if (closed) return;
      markReady();
      giveUpLock();
      closed = true;
      env.lifecycle?.removeEventListener("freeze", onFreeze);
      env.lifecycle?.removeEventListener("resume", onResume);
      channel?.close();
      leaderListeners.clear();
      remoteListeners.clear();
    },
  };
}
