/**
 * The model on a real socket (node:http), for browser tests and `npm run
 * serve:mock`: /api/v1 is the model with REAL connection faults (a drop
 * destroys the socket unanswered, a hang never answers, a cut sends headers
 * and part of the body, then destroys the socket); /__mock/* is a test-only
 * control API (see control.ts); everything else is static files from
 * `staticDir` with the SPA fallback. Web Push (contract v1.1): the server makes a VAPID key pair per
 * run, hands its public half to the model (GET /push/key), and every `pushIntervalMs` sends the
 * model's due messages to the subscriptions' endpoints (push-sender.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { control } from "./control.ts";
import { type Backend, type BackendOptions, createBackend, type ScenarioName } from "./model/index.ts";
import { makeVapidKeys, type PushDelivery, sendPush } from "./push-sender.ts";
import { serveStatic } from "./static-files.ts";

export interface MockServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  scenario?: ScenarioName;
  seed?: number;
  speed?: number;
  /** The model clock; default Date.now. */
  now?: () => number;
  /** Serve this folder (e.g. "dist") beside the API. */
  staticDir?: string;
  /** How often due push messages are looked for and sent (real ms). Default 250. */
  pushIntervalMs?: number;
}

export interface MockServer {
  url: string;
  /** The current backend (replaced by POST /__mock/reset). */
  readonly backend: Backend;
  /** The VAPID public key of this run (what GET /api/v1/push/key answers). */
  readonly pushPublicKey: string;
  /** Every push sent so far, with the push service's status. */
  readonly pushDeliveries: readonly PushDelivery[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function answerApi(backend: Backend, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const outcome = await backend.handle({
    method: req.method ?? "GET",
    url: req.url ?? "/",
    headers: lowerCaseHeaders(req),
    body: body === "" ? null : body,
  });
  if (outcome.kind === "hang") return; // never answer; close() cleans up
  if (outcome.delayMs) await wait(outcome.delayMs);
  if (outcome.kind === "drop") {
    req.socket.destroy();
    return;
  }
  if (outcome.kind === "cut") {
    // Announce more bytes than are sent, then close: the client sees a body cut short.
    const promised = Buffer.byteLength(outcome.partialBody) * 2 + 1;
    res.writeHead(outcome.status, { ...outcome.headers, "content-length": String(promised) });
    res.write(outcome.partialBody, () => setTimeout(() => req.socket.destroy(), 20));
    return;
  }
  const headers =
    outcome.body === null
      ? outcome.headers
      : { ...outcome.headers, "content-length": String(Buffer.byteLength(outcome.body)) };
  res.writeHead(outcome.status, headers);
  res.end(outcome.body ?? undefined);
}

export async function startMockServer(opts: MockServerOptions = {}): Promise<MockServer> {
  const base: BackendOptions = {
    scenario: opts.scenario ?? "calm",
    seed: opts.seed ?? 1,
    speed: opts.speed ?? 1,
    ...(opts.now ? { now: opts.now } : {}),
  };
  const clock = opts.now ?? (() => Date.now());
  const vapid = makeVapidKeys();
  base.pushPublicKey = vapid.publicKey;
  let backend = createBackend(base);
  const deliveries: PushDelivery[] = [];
  let sending = false;
  const pushTimer = setInterval(() => {
    if (sending) return; // one round at a time: a slow push service must not pile rounds up
    sending = true;
    backend
      .takeDuePush()
      .then((due) => Promise.all(due.map((message) => sendPush(message, vapid))))
      .then((sent) => deliveries.push(...sent))
      .catch(() => undefined)
      .finally(() => {
        sending = false;
      });
  }, opts.pushIntervalMs ?? 250);
  pushTimer.unref();
  const reset = (next: BackendOptions): Backend => {
    backend = createBackend({ ...base, ...next });
    return backend;
  };

  const server = createServer((req, res) => {
    // One request per connection: Chromium silently resends a request whose REUSED keep-alive
    // connection dies before any answer, which would hide every injected drop from the page.
    res.setHeader("connection", "close");
    const pathname = new URL(req.url ?? "/", "http://mock.local").pathname;
    const run = async (): Promise<void> => {
      if (pathname.startsWith("/api/")) return answerApi(backend, req, res);
      if (pathname.startsWith("/__mock/")) {
        const answer = control(req.method ?? "GET", pathname, await readBody(req), backend, reset, clock());
        res.writeHead(answer.status, {
          "content-type": "application/json; charset=utf-8",
          "cache-control": "no-store",
        });
        res.end(JSON.stringify(answer.body));
        return;
      }
      if (opts.staticDir) return serveStatic(opts.staticDir, req, res, pathname);
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found");
    };
    run().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end(String(error));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(":") ? `[${address}]` : address}:${port}`,
    get backend() {
      return backend;
    },
    pushPublicKey: vapid.publicKey,
    pushDeliveries: deliveries,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(pushTimer);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
