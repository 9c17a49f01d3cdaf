// Split off the entry chunk: loaded the first time a screen needs the waiting room.
import { later } from "../core/clock/timer.ts";
import type { Clock } from "../core/clock/types.ts";
import { createQueueClient } from "../core/queue/client.ts";
import type { QueueClient, QueuePhase } from "../core/queue/types.ts";
import type { Lang } from "../i18n/core.ts";
import { createAlerts } from "../platform/alert.ts";
import { wireLifecycle } from "../platform/lifecycle.ts";
import { createTabs, type Tabs } from "../platform/tabs.ts";
import { createKeepAwake } from "../platform/wake-lock.ts";
import type { AlertControls } from "../ui/queue/alert-controls.ts";
import { newId, random } from "./ids.ts";
import { setTabQueue } from "./queue-link.ts";
import type { CoreDeps } from "./services.ts";
import { wirePush } from "./wire-push.ts";

const LEADER_WAIT_MS = 1000;
const AWAKE = new Set<QueuePhase>(["joining", "prequeue", "waiting", "admitted"]);

export interface QueueParts {
  queue: QueueClient;
  alerts: AlertControls;
}

/** The device's one poller (tabs), the your-turn alert, the queue client, and its lifecycle feed. */
export async function wireQueue(deps: CoreDeps, lang: () => Lang): Promise<QueueParts> {
  const store = await deps.store();
  const push = wirePush(deps.api, lang);
  const keepAwake = createKeepAwake();
  const alerts = createAlerts({ store, lang, push, keepAwakeSupported: keepAwake.supported });
  const tabs = createTabs();
  // Known before the client starts: a leadership change mid-join would make it reload under the join.
  await tabs.ready;
  const queue = createQueueClient({
    api: deps.api,
    store,
    clock: deps.clock,
    serverClock: deps.serverClock,
    random,
    newId,
    tabs,
    onAdmitted: alerts.onAdmitted,
  });
  wireLifecycle(queue);
  // The screen stays on only while the user wants it AND the ticket still waits (admitted included:
  // the booking follows); leaving, the end of the booking and every end state release it.
  const followKeepAwake = () =>
    keepAwake.set(alerts.controls.getSettings().keepAwake === true && AWAKE.has(queue.getView().phase));
  queue.subscribe(followKeepAwake);
  alerts.controls.subscribe(followKeepAwake);
  void alerts.ready.then(() =>
    push.attach(queue, () => {
      const s = alerts.controls.getSettings();
      return s.notify && s.permission === "granted";
    }),
  );
  // The booking wiring tells it when an admission is used (its tokens then go).
  setTabQueue(queue);
  // Leadership arrives asynchronously and makes the client reload its ticket; let that settle
  // (or give up soon: another tab may be the poller) so a join right after starts from a loaded state.
  await untilLeader(deps.clock, tabs, LEADER_WAIT_MS);
  // Picks up a ticket saved before a reload or app kill (never replaces it) and polls again.
  await queue.resume();
  return { queue, alerts: alerts.controls };
}

function untilLeader(clock: Clock, tabs: Tabs, ms: number): Promise<void> {
  if (tabs.isLeader()) return Promise.resolve();
  return new Promise((resolve) => {
    const cancel = later(clock, ms, done);
    const off = tabs.onLeaderChange((leader) => leader && done());
    function done() {
      cancel();
      off();
      resolve();
    }
  });
}
