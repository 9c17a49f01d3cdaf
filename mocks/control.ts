/**
 * The mock server's test-only control API, as JSON over HTTP:
 *   POST /__mock/faults  { once?: [{ match: { method?, path?, pathRegex? }, fault }], configure?: {...},
 *                          clear?: true, outageForSeconds?: n }
 *     `fault` is a Fault (mocks/model/faults-types.ts), e.g. { "kind": "drop" } or
 *     { "kind": "status", "status": 503, "retryAfter": "http-date" }; `configure` a partial FaultConfig
 *     (rates, latencyMs, capacityPerSecond, bounce, ...); `outageForSeconds` starts an outage now.
 *     v1.1 switches: `configure: { pushUnavailable: true }` is a server without Web Push (404 on
 *     /push/key and the ticket push routes); `configure: { ignoresPrefer: true }` a server without
 *     held reads (every status read answered at once, no Preference-Applied).
 *   POST /__mock/reset   { scenario?, seed?, speed? }   a fresh backend
 *   GET  /__mock/stats   { stats, inspect, scenario }
 */
import type { Backend, BackendOptions, Fault, FaultConfig, FaultMatch } from "./model/index.ts";
import { isScenarioName } from "./model/index.ts";

export interface ControlAnswer {
  status: number;
  body: unknown;
}

interface JsonMatch {
  method?: string;
  path?: string;
  pathRegex?: string;
}

function toMatch(match: JsonMatch | undefined): FaultMatch {
  return {
    ...(match?.method ? { method: match.method } : {}),
    ...(match?.pathRegex ? { path: new RegExp(match.pathRegex) } : match?.path ? { path: match.path } : {}),
  };
}

export function control(
  method: string,
  pathname: string,
  body: string,
  backend: Backend,
  reset: (opts: BackendOptions) => Backend,
  now: number,
): ControlAnswer {
  let input: Record<string, unknown> = {};
  try {
    input = body.trim() === "" ? {} : (JSON.parse(body) as Record<string, unknown>);
  } catch {
    return { status: 400, body: { error: "body must be JSON" } };
  }
  if (method === "GET" && pathname === "/__mock/stats") {
    return {
      status: 200,
      body: { scenario: backend.scenario, stats: backend.stats(), inspect: backend.inspect() },
    };
  }
  if (method === "POST" && pathname === "/__mock/faults") {
    if (input.clear === true) backend.faults.clear();
    if (input.configure) backend.faults.configure(input.configure as Partial<FaultConfig>);
    if (typeof input.outageForSeconds === "number") {
      backend.faults.configure({ outage: { fromMs: now, toMs: now + input.outageForSeconds * 1000 } });
    }
    for (const entry of (input.once ?? []) as { match?: JsonMatch; fault: Fault }[]) {
      backend.faults.once(toMatch(entry.match), entry.fault);
    }
    return { status: 200, body: { ok: true } };
  }
  if (method === "POST" && pathname === "/__mock/reset") {
    if (input.scenario !== undefined && !isScenarioName(input.scenario)) {
      return { status: 400, body: { error: `unknown scenario ${String(input.scenario)}` } };
    }
    const next = reset({
      ...(isScenarioName(input.scenario) ? { scenario: input.scenario } : {}),
      ...(typeof input.seed === "number" ? { seed: input.seed } : {}),
      ...(typeof input.speed === "number" ? { speed: input.speed } : {}),
    });
    return { status: 200, body: { ok: true, scenario: next.scenario } };
  }
  return { status: 404, body: { error: "no such control endpoint" } };
}
