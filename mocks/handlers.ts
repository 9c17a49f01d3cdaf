/** MSW handlers over the model: one set for the browser demo and for Node tests. */
import { delay, HttpResponse, http, type RequestHandler } from "msw";
import type { Backend } from "./model/index.ts";
import { completeResponse, cutResponse, toMockRequest } from "./web-response.ts";

export function createHandlers(backend: Backend): RequestHandler[] {
  return [
    http.all("*/api/v1/*", async ({ request }) => {
      const outcome = await backend.handle(await toMockRequest(request));
      if (outcome.kind === "hang") {
        // Never answer; let go once the client gives up so nothing stays pending.
        await new Promise<void>((resolve) => request.signal.addEventListener("abort", () => resolve()));
        return HttpResponse.error();
      }
      if (outcome.delayMs) await delay(outcome.delayMs);
      switch (outcome.kind) {
        case "drop":
          return HttpResponse.error();
        case "cut":
          return cutResponse(outcome.status, outcome.headers, outcome.partialBody);
        case "respond":
          return completeResponse(outcome.status, outcome.headers, outcome.body);
      }
    }),
  ];
}
