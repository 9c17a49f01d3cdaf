/**
 * A tampering HTTP proxy for browser tests: it stands in front of the mock
 * socket server (mocks/server.ts, left untouched) and rewrites answers the way
 * a misconfigured proxy or a broken server would: an out-of-bound
 * pollAfterSeconds, a huge Retry-After, a Date header a day off, HTML in names.
 * The page is loaded from the proxy, so every request (static and API) passes
 * through it and is logged with the time it arrived: the tests count requests
 * here, where a storm would land, not in the page.
 */
import { createServer, request as httpRequest, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** An answer as the proxy holds it before sending it on (body decoded as UTF-8). */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Seen {
  method: string;
  /** Path without the query. */
  path: string;
  headers: Record<string, string>;
  /** Node's wall clock when the request reached the proxy. */
  at: number;
  /** The name of the rule that answered or rewrote it, if one did. */
  tampered?: string;
  /** When its answer left the proxy (a held read is seen long before it is answered). */
  answeredAt?: number;
}

export interface Rule {
  /** Marks the requests it handled (Seen.tampered), so a test can wait until a lie was really told. */
  name?: string;
  method?: string;
  path: RegExp;
  /** Apply to this many matching requests, then retire (default: every one). */
  times?: number;
  /** Answer without asking the server (the request is NOT applied upstream), e.g. a proxy's 503. */
  answer?: (seen: Seen) => Answer;
  /** Rewrite the server's answer. */
  rewrite?: (answer: Answer, seen: Seen) => Answer;
}

export interface TamperProxy {
  url: string;
  /** Every request that reached the proxy, in order. */
  readonly seen: readonly Seen[];
  /** When the first request handled by the named rule arrived, or null. */
  firstTampered(name: string): number | null;
  /** Adds a rule; the first live rule that matches a request wins. Returns a function that removes it. */
  add(rule: Rule): () => void;
  clear(): void;
  close(): Promise<void>;
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

/** Forwards one request upstream; rejects when the server drops it (the proxy then drops too). */
function forward(
  upstream: URL,
  req: IncomingMessage,
  body: Buffer,
): Promise<{ answer: Answer; raw: Buffer }> {
  return new Promise((resolve, reject) => {
    const out = httpRequest(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...headersOf(req), host: upstream.host },
      },
      (res) => {
        readAll(res)
          .then((raw) => {
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(res.headers)) {
              if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
            }
            resolve({ answer: { status: res.statusCode ?? 502, headers, body: raw.toString("utf8") }, raw });
          })
          .catch(reject);
      },
    );
    out.on("error", reject);
    out.end(body);
  });
}

export async function startTamperProxy(upstreamUrl: string): Promise<TamperProxy> {
  const upstream = new URL(upstreamUrl);
  const seen: Seen[] = [];
  let rules: { rule: Rule; left: number }[] = [];

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://proxy.local").pathname;
    const entry: Seen = { method: req.method ?? "GET", path, headers: headersOf(req), at: Date.now() };
    seen.push(entry);
    const live = rules.find(
      ({ rule, left }) => left > 0 && (!rule.method || rule.method === entry.method) && rule.path.test(path),
    );
    if (live) {
      live.left--;
      entry.tampered = live.rule.name ?? "unnamed";
    }
    const send = (answer: Answer, raw?: Buffer) => {
      // The body may have changed length: drop the upstream's framing and let Node set it.
      const { "content-length": _length, "transfer-encoding": _te, connection: _c, ...rest } = answer.headers;
      const bytes = raw ?? Buffer.from(answer.body, "utf8");
      res.writeHead(answer.status, { ...rest, "content-length": String(bytes.length), connection: "close" });
      res.end(bytes);
      entry.answeredAt = Date.now();
    };
    const run = async () => {
      const body = await readAll(req);
      if (live?.rule.answer) return send(live.rule.answer(entry));
      const { answer, raw } = await forward(upstream, req, body);
      if (live?.rule.rewrite) return send(live.rule.rewrite(answer, entry));
      return send(answer, raw);
    };
    run().catch(() => req.socket.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    firstTampered: (name) => seen.find((s) => s.tampered === name)?.at ?? null,
    add(rule) {
      const entry = { rule, left: rule.times ?? Number.POSITIVE_INFINITY };
      rules.push(entry);
      return () => {
        rules = rules.filter((r) => r !== entry);
      };
    },
    clear() {
      rules = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Rewrites a JSON body with `edit` (which may mutate it); a body that is not JSON passes unchanged. */
export function editJson(edit: (body: Record<string, unknown>) => void): (answer: Answer) => Answer {
  return (answer) => {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(answer.body) as Record<string, unknown>;
    } catch {
      return answer;
    }
    edit(body);
    return { ...answer, body: JSON.stringify(body) };
  };
}

/** A contract problem answer (application/problem+json), as a proxy or a struggling server sends it. */
export function problem(
  status: number,
  code: string,
  extra: { headers?: Record<string, string>; detail?: string } = {},
): Answer {
  return {
    status,
    headers: {
      "content-type": "application/problem+json",
      "cache-control": "no-store",
      date: new Date().toUTCString(),
      ...extra.headers,
    },
    body: JSON.stringify({
      type: `https://jari.example/problems/${code.replaceAll("_", "-")}`,
      title: status === 429 ? "Too Many Requests" : status === 503 ? "Service Unavailable" : "Error",
      status,
      code,
      ...(extra.detail === undefined ? {} : { detail: extra.detail }),
    }),
  };
}

/** Markup that would run or add an element if the app ever rendered text as HTML. */
export const HOSTILE_MARKUP =
  '<img src="/x.png" onerror="window.__pwned=1"><script>window.__pwned=2</script><b data-injected="1">x</b>';
