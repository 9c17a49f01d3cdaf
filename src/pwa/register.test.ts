import { describe, expect, it, vi } from "vitest";
import { registerSW, type WorkerPort } from "./register.ts";

function fakeWorker(hadController = true) {
  let onWaiting: ((skip: () => void) => void) | null = null;
  let onChange: (() => void) | null = null;
  const skip = vi.fn();
  const port: WorkerPort = {
    hadController,
    start: (cb) => {
      onWaiting = cb;
    },
    onControllerChange: (l) => {
      onChange = l;
    },
    reload: vi.fn(),
  };
  return {
    port,
    skip,
    newVersionWaits: () => onWaiting?.(skip),
    controllerChanges: () => onChange?.(),
  };
}

function setup(busy: { value: boolean }, hadController = true) {
  const worker = fakeWorker(hadController);
  const events = new EventTarget();
  const pwa = registerSW({
    url: "/sw.js",
    isBusy: () => busy.value,
    worker: worker.port,
    events,
    iosHint: false,
  });
  return { worker, events, pwa };
}

describe("registerSW: safe updates", () => {
  it("announces a waiting version and applies it only when the user agrees", () => {
    const { worker, pwa } = setup({ value: false });
    expect(pwa.getState().update).toBe("none");
    worker.newVersionWaits();
    expect(pwa.getState().update).toBe("ready");
    expect(worker.skip).not.toHaveBeenCalled();
    pwa.acceptUpdate();
    expect(worker.skip).toHaveBeenCalledTimes(1);
    // The new worker takes control: only now does the page reload.
    expect(worker.port.reload).not.toHaveBeenCalled();
    worker.controllerChanges();
    expect(worker.port.reload).toHaveBeenCalledTimes(1);
  });

  it("defers an agreed update during a wait or booking, applying it at the next safe moment", () => {
    const busy = { value: true };
    const { worker, pwa } = setup(busy);
    worker.newVersionWaits();
    pwa.acceptUpdate();
    expect(pwa.getState().update).toBe("deferred");
    pwa.checkDeferred();
    expect(worker.skip).not.toHaveBeenCalled();
    busy.value = false;
    pwa.checkDeferred();
    expect(worker.skip).toHaveBeenCalledTimes(1);
  });

  it("applies at once, even when busy, if the user insists", () => {
    const { worker, pwa } = setup({ value: true });
    worker.newVersionWaits();
    pwa.acceptUpdate();
    pwa.applyUpdateNow();
    expect(worker.skip).toHaveBeenCalledTimes(1);
  });

  it("forgets a dismissed update, and a deferred check then does nothing", () => {
    const busy = { value: true };
    const { worker, pwa } = setup(busy);
    worker.newVersionWaits();
    pwa.dismissUpdate();
    busy.value = false;
    pwa.checkDeferred();
    expect(pwa.getState().update).toBe("none");
    expect(worker.skip).not.toHaveBeenCalled();
  });

  it("never reloads for the first install taking control", () => {
    const { worker, pwa } = setup({ value: false }, false);
    worker.controllerChanges();
    expect(worker.port.reload).not.toHaveBeenCalled();
    expect(pwa.getState().update).toBe("none");
  });

  it("offers the update again when another tab switched to the new version", () => {
    const { worker, pwa } = setup({ value: false }, true);
    worker.controllerChanges();
    expect(pwa.getState().update).toBe("ready");
    pwa.acceptUpdate();
    expect(worker.port.reload).toHaveBeenCalledTimes(1);
  });
});

describe("registerSW: install prompt", () => {
  it("keeps the browser's prompt for the install button and shows it on demand", async () => {
    const { events, pwa } = setup({ value: false });
    const prompt = vi.fn(async () => undefined);
    const event = Object.assign(new Event("beforeinstallprompt", { cancelable: true }), { prompt });
    events.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(pwa.getState().canInstall).toBe(true);
    await pwa.install();
    expect(prompt).toHaveBeenCalledTimes(1);
    expect(pwa.getState().canInstall).toBe(false);
  });

  it("hides the install offer once the app is installed", () => {
    const { events, pwa } = setup({ value: false });
    events.dispatchEvent(Object.assign(new Event("beforeinstallprompt"), { prompt: vi.fn() }));
    events.dispatchEvent(new Event("appinstalled"));
    expect(pwa.getState().canInstall).toBe(false);
  });

  it("offers a prompt that fired before the module loaded", async () => {
    const prompt = vi.fn(async () => undefined);
    const held = Object.assign(new Event("beforeinstallprompt"), { prompt });
    const pwa = registerSW({
      url: "/sw.js",
      isBusy: () => false,
      worker: null,
      events: new EventTarget(),
      iosHint: false,
      heldInstallPrompt: held,
    });
    expect(pwa.getState().canInstall).toBe(true);
    await pwa.install();
    expect(prompt).toHaveBeenCalledTimes(1);
  });
});
