/**
 * The request pipeline: one request at a time (so state changes never
 * interleave), stats, faults before and after applying, idempotency for
 * POSTs, the route, and the Date header from the model clock.
 */
import { countRequest, loadFactor } from "./capacity.ts";
import type { RequestContext } from "./context.ts";
import { placeEvents } from "./events.ts";
import {
  cutBody,
  drawFault,
  malformed,
  type OnceFault,
  retryAfter,
  statusFault,
  takeBounce,
  takeOnce,
} from "./faults.ts";
import { type Fault, NO_FAULTS } from "./faults-types.ts";
import { checkIdempotency, purgeIdempotency, rememberIfSuccessful } from "./idempotency.ts";
import type { Backend, BackendOptions, HeldRead, MockOutcome, MockRequest } from "./index.ts";
import { initialState } from "./initial-state.ts";
import { inspectState } from "./inspect.ts";
import { preferredWait } from "./prefer.ts";
import { DEMO_PUSH_PUBLIC_KEY } from "./push/demo-key.ts";
import { takeDuePush } from "./push/outbox.ts";
import { createRandom } from "./random.ts";
import { type ModelResponse, problem } from "./responses.ts";
import { matchRoute } from "./routes/table.ts";
import { holdMs } from "./routes/tickets.ts";
import { SCENARIOS } from "./scenarios.ts";
import { parseSnapshot } from "./state.ts";
import { toHttpDate } from "./time-format.ts";
import { createSigner } from "./tokens.ts";

function splitUrl(url: string): { path: string; query: URLSearchParams } {
  const parsed = new URL(url, "http://model.invalid");
  return { path: parsed.pathname, query: parsed.searchParams };
}

/** A bug in the model answers 500 like a real server would, instead of breaking the adapter. */
function internalError(error: unknown): ModelResponse {
  return problem(500, "internal_error", { detail: String(error) });
}

function bump(record: Record<string, number>, key: string): void {
  record[key] = (record[key] ?? 0) + 1;
}

const STATUS_ROUTE = "GET /events/{id}/tickets/{id}";

const realWait = (ms: number): Promise<void> => new Promise((resolve) => globalThis.setTimeout(resolve, ms));

export function createModelBackend(opts: BackendOptions = {}): Backend {
  const now = opts.now ?? (() => Date.now());
  const wait = opts.wait ?? realWait;
  const pushPublicKey = opts.pushPublicKey ?? DEMO_PUSH_PUBLIC_KEY;
  let state = opts.snapshot
    ? parseSnapshot(opts.snapshot)
    : // Whole seconds: the scenario's event times read cleanly.
      initialState(opts.scenario ?? "calm", opts.seed ?? 1, opts.speed ?? 1, Math.floor(now() / 1000) * 1000);
  let random = createRandom(state.rng);
  let signer = createSigner(state.secret);
  let events = placeEvents(SCENARIOS[state.scenario].events, state.startedAt, state.speed);
  let onceFaults: OnceFault[] = [];
  let chain: Promise<unknown> = Promise.resolve();
  let lastPurge = 0;

  const load = (snapshot: string): void => {
    state = parseSnapshot(snapshot);
    random = createRandom(state.rng);
    signer = createSigner(state.secret);
    events = placeEvents(SCENARIOS[state.scenario].events, state.startedAt, state.speed);
  };

  async function apply(ctx: RequestContext): Promise<ModelResponse> {
    const match = matchRoute(ctx.method, ctx.path);
    if (match.kind === "none") return problem(404, "not_found", { detail: "No such resource." });
    if (match.kind === "wrong-method") {
      return problem(405, "method_not_allowed", { headers: { allow: match.allow.join(", ") } });
    }
    if (ctx.method !== "POST") return match.route.handler(ctx, match.params);
    const req = { method: ctx.method, path: ctx.path, key: ctx.headers["idempotency-key"], body: ctx.body };
    const check = checkIdempotency(state, ctx.now, req);
    if (check.kind !== "fresh") return check.response;
    const response = await match.route.handler(ctx, match.params);
    rememberIfSuccessful(state, ctx.now, { ...req, key: check.key }, response);
    return response;
  }

  /** Faults that stop a request before it is applied. */
  function refuse(ctx: RequestContext, fault: Fault | null): MockOutcome | ModelResponse | null {
    const config = state.faults;
    if (fault?.kind === "drop") return { kind: "drop" };
    if (fault?.kind === "hang") return { kind: "hang" };
    if (fault?.kind === "status") return statusFault(fault, config, random, ctx.now);
    const outage = config.outage;
    if (outage && ctx.now >= outage.fromMs && ctx.now < outage.toMs) {
      return problem(503, "overloaded", {
        detail: "The service is down for now.",
        headers: {
          "retry-after": retryAfter(
            (outage.toMs - ctx.now) / 1000,
            config.retryAfterForm === "delta" ? "delta" : "http-date",
            ctx.now,
          ),
        },
      });
    }
    if (config.capacityPerSecond !== null && state.load.count > config.capacityPerSecond) {
      const seconds = 1 + random.int(3);
      return problem(503, "overloaded", {
        detail: "Too many people are asking at once.",
        headers: { "retry-after": retryAfter(seconds, "delta", ctx.now) },
      });
    }
    return null;
  }

  function contextAt(at: number, method: string, path: string, query: URLSearchParams): RequestContext {
    return {
      state,
      now: at,
      random,
      events,
      signer,
      method,
      path,
      query,
      headers: {},
      body: null,
      loadFactor: loadFactor(state, state.faults),
      firstAdmission: false,
      pushPublicKey,
      heldFor: null,
    };
  }

  /** The second pass of a held read: answered now, as if it had just arrived, plus Preference-Applied. */
  async function answerHeld(req: MockRequest, waitSeconds: number): Promise<MockOutcome> {
    const at = now();
    const { path, query } = splitUrl(req.url);
    const ctx = { ...contextAt(at, "GET", path, query), headers: req.headers, heldFor: waitSeconds };
    const response = await apply(ctx).catch(internalError);
    response.headers = { ...response.headers, date: toHttpDate(at) };
    const bounced = ctx.firstAdmission && (state.faults.bounce || takeBounce(onceFaults, "GET", path));
    const outcome: MockOutcome = bounced ? { kind: "drop" } : { kind: "respond", ...response };
    bump(state.stats.statusCounts, outcome.kind === "respond" ? String(outcome.status) : outcome.kind);
    state.rng = random.state();
    return outcome;
  }

  async function process(req: MockRequest): Promise<MockOutcome | HeldRead> {
    const at = now();
    const method = req.method.toUpperCase();
    const { path, query } = splitUrl(req.url);
    const match = matchRoute(method, path);
    const routeName = match.kind === "found" ? match.route.name : `${method} (unmatched)`;
    state.stats.requests += 1;
    bump(state.stats.byRoute, routeName);
    countRequest(state, at);
    if (at - lastPurge >= 60_000) {
      purgeIdempotency(state, at);
      lastPurge = at;
    }

    const ctx: RequestContext = {
      ...contextAt(at, method, path, query),
      headers: req.headers,
      body: req.body,
    };
    const config = state.faults;
    let fault = takeOnce(onceFaults, method, path) ?? drawFault(config, random);
    let delayMs = config.latencyMs + (config.latencyJitterMs > 0 ? random.int(config.latencyJitterMs) : 0);
    if (fault?.kind === "latency") {
      delayMs += fault.ms;
      fault = null;
    }
    const withDelay = (outcome: MockOutcome): MockOutcome =>
      outcome.kind === "hang" || delayMs <= 0 ? outcome : { ...outcome, delayMs };

    const refused = refuse(ctx, fault);
    const waitSeconds = preferredWait(req.headers.prefer);
    if (
      !refused &&
      fault === null &&
      waitSeconds !== null &&
      !config.ignoresPrefer &&
      match.kind === "found"
    ) {
      if (match.route.name === STATUS_ROUTE) {
        const ms = await holdMs(ctx, match.params, waitSeconds);
        state.rng = random.state();
        if (ms !== null) return { kind: "hold", ms: ms + delayMs, waitSeconds };
      }
    }
    let outcome: MockOutcome;
    if (refused && "kind" in refused) outcome = refused;
    else {
      const response = refused ?? (await apply(ctx).catch(internalError));
      response.headers = { ...response.headers, date: toHttpDate(at) };
      const bounced = ctx.firstAdmission && (config.bounce || takeBounce(onceFaults, method, path));
      if (bounced || fault?.kind === "lost") outcome = { kind: "drop" };
      else if (fault?.kind === "cut") {
        outcome = {
          kind: "cut",
          status: response.status,
          headers: response.headers,
          partialBody: cutBody(response.body),
        };
      } else if (fault?.kind === "malformed") outcome = { kind: "respond", ...malformed(response, fault) };
      else outcome = { kind: "respond", ...response };
    }
    bump(state.stats.statusCounts, outcome.kind === "respond" ? String(outcome.status) : outcome.kind);
    state.rng = random.state();
    return withDelay(outcome);
  }

  /** Requests (and push decisions) are applied one at a time, in call order. */
  function enqueue<T>(step: () => Promise<T>): Promise<T> {
    const result = chain.then(step);
    chain = result.catch(() => undefined);
    return result;
  }

  return {
    get scenario() {
      return state.scenario;
    },
    async handle(req) {
      const first = await enqueue(() => process(req));
      if (first.kind !== "hold") return first;
      // Held outside the queue, so other requests are not blocked while this one waits.
      await wait(first.ms);
      return enqueue(() => answerHeld(req, first.waitSeconds));
    },
    step(req, heldFor) {
      return enqueue(() => (heldFor === undefined ? process(req) : answerHeld(req, heldFor)));
    },
    takeDuePush() {
      return enqueue(async () => {
        const at = now();
        const due = takeDuePush(contextAt(at, "PUSH", "", new URLSearchParams()));
        state.rng = random.state();
        return due;
      });
    },
    faults: {
      once(match, fault) {
        onceFaults.push({ match, fault });
      },
      configure(cfg) {
        state.faults = { ...state.faults, ...cfg };
      },
      clear() {
        onceFaults = [];
        state.faults = { ...NO_FAULTS };
      },
    },
    stats: () => structuredClone(state.stats),
    inspect: () => inspectState(state),
    snapshot: () => {
      state.rng = random.state();
      return JSON.stringify(state);
    },
    load,
    startedAt: () => state.startedAt,
  };
}
