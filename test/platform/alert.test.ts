import { describe, expect, it } from "vitest";
import type { QueueView } from "../../src/core/queue/types.ts";
import { createMemoryStore } from "../../src/core/store/memory-store.ts";
import type { Store } from "../../src/core/store/types.ts";
import { type AlertEnv, createAlerts } from "../../src/platform/alert.ts";

function fakeEnv(initial: { permission?: NotificationPermission; grant?: NotificationPermission } = {}) {
  let permission: NotificationPermission = initial.permission ?? "default";
  const doc = Object.assign(new EventTarget(), {
    title: "대기열 · 자리",
    visibilityState: "hidden" as DocumentVisibilityState,
    focused: false,
    hasFocus(): boolean {
      return doc.focused;
    },
  });
  const log = {
    requests: 0,
    shown: [] as { title: string; options: NotificationOptions }[],
    vibrations: 0,
    beeps: 0,
    unlocks: 0,
  };
  const env: AlertEnv = {
    notifications: {
      permission: () => permission,
      request: async () => {
        log.requests++;
        permission = initial.grant ?? "granted";
        return permission;
      },
    },
    show: async (title, options) => {
      log.shown.push({ title, options });
    },
    vibrate: () => {
      log.vibrations++;
    },
    beeper: { unlock: () => log.unlocks++, beep: () => log.beeps++ },
    document: doc as unknown as Document,
    window: new EventTarget() as unknown as Window,
  };
  return { env, doc, log };
}

/** Lets the alert's (already loaded) catalog promise settle. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

const admitted = (token = "adm-1"): QueueView => ({
  phase: "admitted",
  eventId: "e1",
  ticketId: "t1",
  number: 1200,
  servingNumber: 1200,
  ahead: 0,
  servingRatePerSecond: 2,
  etaSeconds: 0,
  opensAt: null,
  admission: { token, expiresAt: "2021-07-19T20:10:00.000+09:00" },
  updatedAt: 1,
  nextCheckAt: null,
  online: true,
  durable: true,
  leader: true,
  notice: null,
});

async function setup(
  options: { store?: Store; permission?: NotificationPermission; grant?: NotificationPermission } = {},
) {
  const store = options.store ?? createMemoryStore();
  const fake = fakeEnv(options);
  const alerts = createAlerts({ store, lang: () => "ko", env: fake.env });
  await alerts.ready;
  return { ...fake, store, alerts };
}

describe("createAlerts", () => {
  it("never asks for notification permission until the user opts in", async () => {
    const { alerts, log } = await setup();
    alerts.onAdmitted(admitted());
    await flush();
    expect(log.requests).toBe(0);
    expect(log.shown).toEqual([]);
    expect(alerts.controls.getSettings()).toEqual({
      notify: false,
      sound: false,
      permission: "default",
      push: "unavailable",
      installForPush: false,
      keepAwake: null,
    });

    await alerts.controls.setNotify(true);
    expect(log.requests).toBe(1);
    expect(alerts.controls.getSettings()).toMatchObject({ notify: true, permission: "granted" });
  });

  it("shows one notification per admission, tagged with the ticket as the service worker's push is", async () => {
    const { alerts, log } = await setup({ permission: "granted" });
    await alerts.controls.setNotify(true);
    alerts.onAdmitted(admitted("adm-1"));
    alerts.onAdmitted(admitted("adm-1"));
    await flush();
    expect(log.shown).toHaveLength(1);
    expect(log.shown[0]?.title).toBe("자리: 차례가 되었습니다!");
    expect(log.shown[0]?.options).toMatchObject({
      tag: "jari-turn-t1",
      renotify: true,
      data: { url: "/queue/e1" },
    });
    expect(log.shown[0]?.options.body).toContain("8:10");
    expect(log.vibrations).toBe(1);

    alerts.onAdmitted(admitted("adm-2"));
    await flush();
    expect(log.shown).toHaveLength(2);
  });

  it("keeps notifications off when the user declines the browser prompt", async () => {
    const { alerts, log, store } = await setup({ grant: "denied" });
    await alerts.controls.setNotify(true);
    expect(alerts.controls.getSettings()).toMatchObject({ notify: false, permission: "denied" });
    expect((await store.getPreferences()).notify).toBe(false);
    alerts.onAdmitted(admitted());
    await flush();
    expect(log.shown).toEqual([]);
    expect(log.vibrations).toBe(1);
  });

  it("changes the tab title while away and restores it when the tab is visible again", async () => {
    const { alerts, doc } = await setup();
    alerts.onAdmitted(admitted());
    await flush();
    expect(doc.title).toBe("🔔 차례가 되었습니다! · 자리");
    doc.visibilityState = "visible";
    doc.dispatchEvent(new Event("visibilitychange"));
    expect(doc.title).toBe("대기열 · 자리");
  });

  it("leaves the title alone when the user is already looking at the screen", async () => {
    const { alerts, doc, log } = await setup({ permission: "granted" });
    await alerts.controls.setNotify(true);
    doc.visibilityState = "visible";
    doc.focused = true;
    alerts.onAdmitted(admitted());
    await flush();
    expect(doc.title).toBe("대기열 · 자리");
    expect(log.shown).toEqual([]);
    expect(log.vibrations).toBe(1);
  });

  it("remembers notify and sound across sessions and beeps only when sound is on", async () => {
    const store = createMemoryStore();
    const first = await setup({ store, permission: "granted" });
    first.alerts.onAdmitted(admitted("a"));
    expect(first.log.beeps).toBe(0);
    await first.alerts.controls.setNotify(true);
    await first.alerts.controls.setSound(true);
    expect(first.log.unlocks).toBe(1);

    const second = await setup({ store, permission: "granted" });
    expect(second.alerts.controls.getSettings()).toMatchObject({
      notify: true,
      sound: true,
      permission: "granted",
    });
    second.alerts.onAdmitted(admitted("b"));
    expect(second.log.beeps).toBe(1);
    // After a reload audio needs a gesture: the first tap unlocks it.
    second.doc.dispatchEvent(new Event("pointerdown"));
    expect(second.log.unlocks).toBe(1);
  });

  it("reports unsupported notifications without throwing", async () => {
    const fake = fakeEnv();
    const alerts = createAlerts({
      store: createMemoryStore(),
      lang: () => "en",
      env: { ...fake.env, notifications: null },
    });
    await alerts.ready;
    await alerts.controls.setNotify(true);
    expect(alerts.controls.getSettings()).toMatchObject({ notify: false, permission: "unsupported" });
  });
});
