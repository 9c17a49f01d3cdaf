import { afterEach, describe, expect, it } from "vitest";
import type { QueueView } from "../../src/core/queue/types.ts";
import { createTabs, type Tabs, type TabsEnv } from "../../src/platform/tabs.ts";
import { flushMicrotasks } from "../support/fake-clock.ts";
import { FakeLocks } from "./fake-tab-platform.ts";

const view = (overrides: Partial<QueueView> = {}): QueueView => ({
  phase: "waiting",
  eventId: "e1",
  ticketId: "t1",
  number: 1200,
  servingNumber: 1000,
  ahead: 200,
  servingRatePerSecond: 2,
  etaSeconds: 100,
  opensAt: null,
  admission: null,
  updatedAt: 1,
  nextCheckAt: 2,
  online: true,
  durable: true,
  leader: true,
  notice: null,
  ...overrides,
});

/**
 * Lets queued lock grants and channel messages (both async) run: event-loop
 * turns, no wall-clock wait (a slow machine must not make a test flaky).
 */
const settle = () => flushMicrotasks(10);

const open: Tabs[] = [];
function tab(env: TabsEnv): Tabs {
  const tabs = createTabs(env);
  open.push(tabs);
  return tabs;
}
afterEach(() => {
  for (const tabs of open.splice(0)) tabs.close();
});

const channelEnv = (locks: FakeLocks | null): TabsEnv => ({
  locks: locks as unknown as LockManager | null,
  openChannel: (name) => new BroadcastChannel(name),
});

describe("createTabs", () => {
  it("elects exactly one leader among several tabs", async () => {
    const locks = new FakeLocks();
    const tabs = [tab(channelEnv(locks)), tab(channelEnv(locks)), tab(channelEnv(locks))];
    await settle();
    expect(tabs.map((t) => t.isLeader())).toEqual([true, false, false]);
  });

  it("is ready once it knows whether it leads", async () => {
    const locks = new FakeLocks();
    const first = tab(channelEnv(locks));
    await first.ready;
    expect(first.isLeader()).toBe(true);
    const second = tab(channelEnv(locks));
    await second.ready;
    expect(second.isLeader()).toBe(false);
    // Without Web Locks or BroadcastChannel a tab cannot coordinate: it is ready, and polls itself.
    const alone = tab({ locks: null, openChannel: null });
    await alone.ready;
    expect(alone.isLeader()).toBe(true);
  });

  it("hands leadership to the next tab when the leader goes away", async () => {
    const locks = new FakeLocks();
    const first = tab(channelEnv(locks));
    const second = tab(channelEnv(locks));
    const third = tab(channelEnv(locks));
    const changes: boolean[] = [];
    second.onLeaderChange((leader) => changes.push(leader));
    await settle();
    expect(second.isLeader()).toBe(false);

    first.close();
    await settle();
    expect(first.isLeader()).toBe(false);
    expect(second.isLeader()).toBe(true);
    expect(third.isLeader()).toBe(false);
    expect(changes).toEqual([true]);
  });

  it("lets a waiting tab that closes leave the line without ever leading", async () => {
    const locks = new FakeLocks();
    const first = tab(channelEnv(locks));
    const second = tab(channelEnv(locks));
    const third = tab(channelEnv(locks));
    await settle();
    second.close();
    first.close();
    await settle();
    expect(second.isLeader()).toBe(false);
    expect(third.isLeader()).toBe(true);
  });

  it("hands over at freeze (a frozen tab cannot poll) and queues again at resume", async () => {
    const locks = new FakeLocks();
    const page = new EventTarget();
    const first = tab({ ...channelEnv(locks), lifecycle: page });
    const second = tab(channelEnv(locks));
    await settle();
    expect(first.isLeader()).toBe(true);

    page.dispatchEvent(new Event("freeze"));
    await settle();
    expect(first.isLeader()).toBe(false);
    expect(second.isLeader()).toBe(true);

    page.dispatchEvent(new Event("resume"));
    await settle();
    expect(first.isLeader()).toBe(false);
    second.close();
    await settle();
    expect(first.isLeader()).toBe(true);
  });

  it("followers mirror every view the leader publishes", async () => {
    const locks = new FakeLocks();
    const leader = tab(channelEnv(locks));
    const follower = tab(channelEnv(locks));
    await settle();
    const seen: QueueView[] = [];
    follower.onRemoteView((v) => seen.push(v));
    await settle();
    leader.publish(view({ ahead: 150 }));
    leader.publish(view({ ahead: 120 }));
    await settle();
    expect(seen.map((v) => v.ahead)).toEqual([150, 120]);
  });

  it("answers a new listener's request with the leader's latest view", async () => {
    const locks = new FakeLocks();
    const leader = tab(channelEnv(locks));
    leader.publish(view({ ahead: 77 }));
    await settle();
    const late = tab(channelEnv(locks));
    const seen: QueueView[] = [];
    late.onRemoteView((v) => seen.push(v));
    await settle();
    expect(seen.map((v) => v.ahead)).toEqual([77]);
  });

  it("does not hear its own views", async () => {
    const leader = tab(channelEnv(new FakeLocks()));
    const seen: QueueView[] = [];
    leader.onRemoteView((v) => seen.push(v));
    leader.publish(view());
    await settle();
    expect(seen).toEqual([]);
  });

  it("is always the leader when Web Locks are missing", async () => {
    const a = tab({ locks: null, openChannel: null });
    const b = tab({ locks: null, openChannel: null });
    expect(a.isLeader()).toBe(true);
    expect(b.isLeader()).toBe(true);
    expect(() => a.publish(view())).not.toThrow();
  });

  it("leads on its own when the lock request is refused", async () => {
    const refusing = { request: () => Promise.reject(new DOMException("denied", "SecurityError")) };
    const tabs = tab({ locks: refusing as unknown as LockManager, openChannel: null });
    expect(tabs.isLeader()).toBe(false);
    await settle();
    expect(tabs.isLeader()).toBe(true);
  });
});
