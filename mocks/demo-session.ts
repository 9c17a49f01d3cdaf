/**
 * The running demo as the demo panel sees it: the backend, this page's
 * request log, fault injection through the control API, and restarting the
 * demo in another scenario or speed (a fresh backend and a fresh app store,
 * because a ticket from another run means nothing to the new server).
 */
import { control } from "./control.ts";
import { type DemoFault, faultCommand, OFFLINE_SECONDS } from "./demo-actions.ts";
import type { RequestLog } from "./demo-recorder.ts";
import { MOCK_STORAGE_KEY } from "./demo-state.ts";
import type { Backend, ScenarioName } from "./model/index.ts";

/** Set just before a restart: the next start forgets the app's saved tickets too. */
export const FRESH_KEY = "jari-demo-fresh";
/** The app's IndexedDB database (src/platform/idb-store.ts). */
const APP_DB = "jari";

export interface DemoSettings {
  scenario: ScenarioName;
  speed: number;
  pushUnavailable: boolean;
  ignoresPrefer: boolean;
}

export interface DemoSession {
  backend: Backend;
  log: RequestLog;
  settings(): DemoSettings;
  /** Injects a fault now; `on` for the switches ("no-push", "no-held-reads"). */
  inject(fault: DemoFault, on?: boolean): void;
  /** Starts the demo afresh (reloads the page). */
  restart(to: { scenario: ScenarioName; speed: number }): void;
}

let current: DemoSession | null = null;

/** The running demo, or null before the mock has started (or when it could not). */
export function demoSession(): DemoSession | null {
  return current;
}

/** The URL a restart loads: the start page with the scenario and speed, other parameters kept. */
export function restartUrl(href: string, to: { scenario: ScenarioName; speed: number }): string {
  const url = new URL(href);
  url.pathname = "/";
  url.hash = "";
  url.searchParams.delete("seed");
  url.searchParams.set("scenario", to.scenario);
  url.searchParams.set("speed", String(to.speed));
  return url.toString();
}

export function startDemoSession(backend: Backend, log: RequestLog): DemoSession {
  const session: DemoSession = {
    backend,
    log,
    settings() {
      const state = JSON.parse(backend.snapshot()) as {
        speed: number;
        faults: { pushUnavailable: boolean; ignoresPrefer: boolean };
      };
      return {
        scenario: backend.scenario,
        speed: state.speed,
        pushUnavailable: state.faults.pushUnavailable === true,
        ignoresPrefer: state.faults.ignoresPrefer === true,
      };
    },
    inject(fault, on = true) {
      if (fault === "offline") {
        log.goOffline(OFFLINE_SECONDS * 1000);
        return;
      }
      const body = faultCommand(fault, on);
      control("POST", "/__mock/faults", JSON.stringify(body), backend, () => backend, Date.now());
    },
    restart(to) {
      try {
        localStorage.removeItem(MOCK_STORAGE_KEY);
        localStorage.setItem(FRESH_KEY, "1");
      } catch {
        // Without storage the URL still starts a fresh backend.
      }
      location.assign(restartUrl(location.href, to));
    },
  };
  current = session;
  return session;
}

/** After a restart: forget the app's saved tickets before the app opens its store (at most ~1 s). */
export async function forgetAppIfRestarted(): Promise<void> {
  try {
    if (localStorage.getItem(FRESH_KEY) === null) return;
    localStorage.removeItem(FRESH_KEY);
  } catch {
    return;
  }
  if (typeof indexedDB === "undefined") return;
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(APP_DB);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    // Another tab holds it open: go on (the app falls back as it does for a wedged store).
    request.onblocked = () => resolve();
    setTimeout(resolve, 1000);
  });
}
