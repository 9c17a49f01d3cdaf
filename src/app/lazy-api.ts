import { eventsExchange } from "../core/api/events.ts";
import type { Transport } from "../core/api/transport.ts";
import type { ApiClient, PushApi } from "../core/api/types.ts";

/**
 * The API client as the screens see it: the event list goes straight out over
 * the shared transport, every other operation waits for `load` (the full
 * client, code-split), so the home screen carries one operation, not twelve.
 */
export function lazyApi(transport: Transport, load: () => Promise<ApiClient & PushApi>): ApiClient & PushApi {
  const listEvents: ApiClient["listEvents"] = (opts) => transport.send(eventsExchange, opts);
  return new Proxy({} as ApiClient & PushApi, {
    get: (_, name) =>
      name === "listEvents"
        ? listEvents
        : (...args: unknown[]) =>
            load().then((api) =>
              (api[name as keyof (ApiClient & PushApi)] as (...a: unknown[]) => unknown)(...args),
            ),
  });
}
