import type { QueueClient } from "../core/queue/types.ts";

/** The page globals lifecycle listens to; tests pass plain EventTargets. */
export interface LifecycleEnv {
  window: Pick<Window, "addEventListener" | "removeEventListener">;
  document: Pick<Document, "addEventListener" | "removeEventListener" | "visibilityState">;
  navigator: Pick<Navigator, "onLine">;
}

/**
 * Feeds connectivity and foreground changes to the queue client, starting
 * with the current values. `freeze`/`resume` (Chromium's page lifecycle) and
 * `pagehide`/`pageshow` (back-forward cache) matter on phones, where a tab
 * in the background is frozen rather than merely hidden. Returns an unwire.
 */
export function wireLifecycle(
  client: Pick<QueueClient, "setOnline" | "setVisible" | "setFrozen">,
  env: LifecycleEnv = { window, document, navigator },
): () => void {
  const { window: win, document: doc, navigator: nav } = env;
  const visible = () => doc.visibilityState === "visible";

  const onOnline = () => client.setOnline(true);
  const onOffline = () => client.setOnline(false);
  const onVisibility = () => client.setVisible(visible());
  // Frozen or in the back-forward cache: like offline, nothing may be sent (a timer that fires as the
  // page thaws must not count as due); thawed, the client re-checks once, spread, never before the floor.
  const onFrozen = () => {
    client.setVisible(false);
    client.setFrozen(true);
  };
  // Events fired while frozen or cached are lost, so re-read both on the way back.
  const onBack = () => {
    client.setOnline(nav.onLine);
    client.setVisible(visible());
    client.setFrozen(false);
  };

  const listeners: [Pick<EventTarget, "addEventListener" | "removeEventListener">, string, () => void][] = [
    [win, "online", onOnline],
    [win, "offline", onOffline],
    [doc, "visibilitychange", onVisibility],
    [win, "pagehide", onFrozen],
    [win, "pageshow", onBack],
    [doc, "freeze", onFrozen],
    [doc, "resume", onBack],
  ];
  for (const [target, type, listener] of listeners) target.addEventListener(type, listener);
  client.setOnline(nav.onLine);
  client.setVisible(visible());

  return () => {
    for (const [target, type, listener] of listeners) target.removeEventListener(type, listener);
  };
}
