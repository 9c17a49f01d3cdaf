/**
 * The model behind MSW in Node, for tests:
 *   const { backend, server } = createNodeMock({ scenario: "calm", now: clock.now });
 *   server.listen({ onUnhandledRequest: "error" }); ... server.close();
 */
import { setupServer } from "msw/node";
import { createHandlers } from "./handlers.ts";
import { type BackendOptions, createBackend } from "./model/index.ts";

export function createNodeMock(opts: BackendOptions = {}) {
  const backend = createBackend(opts);
  const server = setupServer(...createHandlers(backend));
  return { backend, server };
}
