/**
 * The model behind MSW in the page, for the demo build and the dev server.
 * Its state survives reloads and is shared by tabs (see demo-state.ts).
 */
import { setupWorker } from "msw/browser";
import { recordRequests } from "./demo-recorder.ts";
import { forgetAppIfRestarted, startDemoSession } from "./demo-session.ts";
import { chooseBackend, type DemoMockOptions, MOCK_STORAGE_KEY, persisted, readSaved } from "./demo-state.ts";
import { createHandlers } from "./handlers.ts";
import type { Backend } from "./model/index.ts";

export type { DemoMockOptions } from "./demo-state.ts";
export { MOCK_STORAGE_KEY } from "./demo-state.ts";

export async function startDemoMock(opts: DemoMockOptions): Promise<{ backend: Backend; stop(): void }> {
  await forgetAppIfRestarted();
  const backend = persisted(chooseBackend(opts, readSaved()));
  // v1.1 feature switches: a demo of a server that lacks push or held reads (contract v1.1 says how clients cope).
  if (opts.pushUnavailable !== undefined) backend.faults.configure({ pushUnavailable: opts.pushUnavailable });
  if (opts.ignoresPrefer !== undefined) backend.faults.configure({ ignoresPrefer: opts.ignoresPrefer });
  // This page's requests and answers, for the demo panel (src/demo/).
  const recorded = recordRequests(backend);
  startDemoSession(backend, recorded.log);
  const worker = setupWorker(...createHandlers(recorded.backend));
  await worker.start({
    serviceWorker: { url: opts.serviceWorkerUrl },
    onUnhandledRequest: "bypass",
    quiet: true,
  });
  // Lets browser tests and curious people inject faults into the running demo from the console.
  (globalThis as { __jariMock?: Backend }).__jariMock = backend;
  return { backend, stop: () => worker.stop() };
}

/** Forgets the demo backend (the next page load starts a fresh one). */
export function resetDemoMock(): void {
  try {
    localStorage.removeItem(MOCK_STORAGE_KEY);
  } catch {
    // Nothing saved to forget.
  }
}
