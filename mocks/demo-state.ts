/**
 * The demo backend's state across reloads and tabs: kept in localStorage
 * under the MOCK's own key (never the app's), read before and written after
 * every request, under a Web Lock where there is one. A `?scenario=`,
 * `?speed=` or `?seed=` that differs from the saved backend starts a fresh
 * one; without them the saved backend (and its scenario) carries on.
 */
import {
  type Backend,
  createBackend,
  isScenarioName,
  type MockOutcome,
  type MockRequest,
  type ScenarioName,
} from "./model/index.ts";

export const MOCK_STORAGE_KEY = "jari-mock-backend";

export interface DemoMockOptions {
  /** From `?scenario=`; unknown names are ignored. */
  scenario?: string | undefined;
  /** From `?speed=`; must be a positive number. */
  speed?: number | undefined;
  seed?: number | undefined;
  /** From `?push=off`: a server without Web Push (GET /push/key answers 404). */
  pushUnavailable?: boolean | undefined;
  /** From `?prefer=ignore`: a server without held reads (ignores `Prefer: wait`). */
  ignoresPrefer?: boolean | undefined;
  /** The worker script that hosts MSW (its own in dev, the app's service worker in the demo build). */
  serviceWorkerUrl: string;
}

export function readSaved(): string | null {
  try {
    return localStorage.getItem(MOCK_STORAGE_KEY);
  } catch {
    return null;
  }
}

function save(snapshot: string): void {
  try {
    localStorage.setItem(MOCK_STORAGE_KEY, snapshot);
  } catch {
    // Storage full or blocked: the demo still works, only without surviving a reload.
  }
}

/** What a saved snapshot was started with, to tell whether the URL asks for something else. */
function savedSettings(snapshot: string | null): { scenario: string; speed: number; seed: number } | null {
  if (!snapshot) return null;
  try {
    const { scenario, speed, seed } = JSON.parse(snapshot) as {
      scenario: string;
      speed: number;
      seed: number;
    };
    return { scenario, speed, seed };
  } catch {
    return null;
  }
}

export function chooseBackend(
  opts: Omit<DemoMockOptions, "serviceWorkerUrl">,
  saved: string | null,
): Backend {
  const scenario: ScenarioName | undefined = isScenarioName(opts.scenario) ? opts.scenario : undefined;
  const speed =
    opts.speed !== undefined && Number.isFinite(opts.speed) && opts.speed > 0 ? opts.speed : undefined;
  const seed = opts.seed !== undefined && Number.isFinite(opts.seed) ? opts.seed : undefined;
  const was = savedSettings(saved);
  const differs =
    !was ||
    (scenario !== undefined && scenario !== was.scenario) ||
    (speed !== undefined && speed !== was.speed) ||
    (seed !== undefined && seed !== was.seed);
  if (saved && !differs) {
    try {
      return createBackend({ snapshot: saved, now: () => Date.now() });
    } catch {
      // A snapshot from an older mock: start afresh below.
    }
  }
  return createBackend({
    scenario: scenario ?? "calm",
    speed: speed ?? 1,
    seed: seed ?? Math.floor(Math.random() * 2 ** 31),
    now: () => Date.now(),
  });
}

/** Wraps handle() so every request sees the latest saved state and saves its own changes. */
const realWait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `wait` is how a held read waits (default setTimeout); tests pass their own. */
export function persisted(backend: Backend, wait: (ms: number) => Promise<void> = realWait): Backend {
  let known = backend.snapshot();
  save(known);
  let chain: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
    return locks ? locks.request(MOCK_STORAGE_KEY, work) : work();
  };
  const locked = (req: MockRequest, heldFor?: number) => {
    const result = chain.then(() =>
      exclusive(async () => {
        const latest = readSaved();
        if (latest && latest !== known) backend.load(latest);
        const outcome = await backend.step(req, heldFor);
        known = backend.snapshot();
        save(known);
        return outcome;
      }),
    );
    chain = result.catch(() => undefined);
    return result;
  };
  // A held read (Prefer: wait) waits outside the lock, so the tab's other requests go on meanwhile.
  const handle = async (req: MockRequest): Promise<MockOutcome> => {
    const first = await locked(req);
    if (first.kind !== "hold") return first;
    await wait(first.ms);
    const answer = await locked(req, first.waitSeconds);
    return answer.kind === "hold" ? { kind: "drop" } : answer;
  };
  return {
    handle,
    step: locked,
    takeDuePush: () => backend.takeDuePush(),
    faults: backend.faults,
    stats: () => backend.stats(),
    inspect: () => backend.inspect(),
    snapshot: () => backend.snapshot(),
    load: (snapshot) => backend.load(snapshot),
    startedAt: () => backend.startedAt(),
    get scenario() {
      return backend.scenario;
    },
  };
}
