import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
};

export interface StaticServer {
  url: string;
  /** Paths requested so far, in order (for "no network on a repeat visit"). */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A plain static host, as the demo build would get on any static hosting:
 * files as they are, index.html for unknown paths (an SPA rewrite), nothing else.
 */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const requests: string[] = [];
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    requests.push(path);
    const file = normalize(join(dir, path === "/" ? "index.html" : path));
    const safe = file.startsWith(normalize(dir));
    try {
      if (!safe) throw new Error("outside root");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      // No API here: the demo must answer it from MSW inside the browser.
      if (extname(path) !== "" || path.startsWith("/api/")) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": types[".html"] });
      res.end(await readFile(join(dir, "index.html")));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
