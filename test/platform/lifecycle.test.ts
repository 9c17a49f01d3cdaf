import { describe, expect, it } from "vitest";
import { wireLifecycle } from "../../src/platform/lifecycle.ts";

function setup(initial: { onLine: boolean; visibility: DocumentVisibilityState }) {
  const win = new EventTarget();
  const doc = Object.assign(new EventTarget(), { visibilityState: initial.visibility });
  const nav = { onLine: initial.onLine };
  const calls: string[] = [];
  const client = {
    setOnline: (online: boolean) => calls.push(`online:${online}`),
    setVisible: (visible: boolean) => calls.push(`visible:${visible}`),
    setFrozen: (frozen: boolean) => calls.push(`frozen:${frozen}`),
  };
  const unwire = wireLifecycle(client, {
    window: win as unknown as Window,
    document: doc as unknown as Document,
    navigator: nav as Navigator,
  });
  return { win, doc, nav, calls, unwire };
}

describe("wireLifecycle", () => {
  it("starts from navigator.onLine and the current visibility", () => {
    expect(setup({ onLine: false, visibility: "hidden" }).calls).toEqual(["online:false", "visible:false"]);
    expect(setup({ onLine: true, visibility: "visible" }).calls).toEqual(["online:true", "visible:true"]);
  });

  it("passes on online/offline and visibility changes", () => {
    const { win, doc, calls } = setup({ onLine: true, visibility: "visible" });
    calls.length = 0;
    win.dispatchEvent(new Event("offline"));
    win.dispatchEvent(new Event("online"));
    doc.visibilityState = "hidden";
    doc.dispatchEvent(new Event("visibilitychange"));
    doc.visibilityState = "visible";
    doc.dispatchEvent(new Event("visibilitychange"));
    expect(calls).toEqual(["online:false", "online:true", "visible:false", "visible:true"]);
  });

  it("treats freeze and pagehide as hidden and frozen, and re-reads everything on resume and pageshow", () => {
    const { win, doc, nav, calls } = setup({ onLine: true, visibility: "visible" });
    calls.length = 0;
    doc.dispatchEvent(new Event("freeze"));
    nav.onLine = false; // went offline while frozen: no event reached the page
    doc.dispatchEvent(new Event("resume"));
    win.dispatchEvent(new Event("pagehide"));
    nav.onLine = true;
    win.dispatchEvent(new Event("pageshow"));
    expect(calls).toEqual([
      "visible:false",
      "frozen:true",
      "online:false",
      "visible:true",
      "frozen:false",
      "visible:false",
      "frozen:true",
      "online:true",
      "visible:true",
      "frozen:false",
    ]);
  });

  it("stops listening when unwired", () => {
    const { win, doc, calls, unwire } = setup({ onLine: true, visibility: "visible" });
    unwire();
    calls.length = 0;
    win.dispatchEvent(new Event("offline"));
    doc.dispatchEvent(new Event("visibilitychange"));
    expect(calls).toEqual([]);
  });
});
