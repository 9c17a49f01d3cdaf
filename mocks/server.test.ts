import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "./server.ts";

let server: MockServer;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "jari-mock-static-"));
  await writeFile(join(dir, "index.html"), "<!doctype html><title>Jari</title>");
  await writeFile(join(dir, "app-Ab12Cd34.js"), "console.log(1)");
  server = await startMockServer({ port: 0, staticDir: dir });
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const api = (path: string, init?: RequestInit) => fetch(`${server.url}/api/v1${path}`, init);
const inject = (body: unknown) =>
  fetch(`${server.url}/__mock/faults`, { method: "POST", body: JSON.stringify(body) }).then((r) => r.json());

describe("startMockServer", () => {
  it("serves the model on /api/v1", async () => {
    const res = await api("/events");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("date")).toMatch(/GMT$/);
    expect(((await res.json()) as { events: unknown[] }).events).toHaveLength(3);
  });

  it("a real drop makes fetch reject", async () => {
    await inject({ once: [{ match: { path: "/api/v1/time" }, fault: { kind: "drop" } }] });
    await expect(api("/time")).rejects.toThrow(TypeError);
    expect((await api("/time")).status).toBe(200);
  });

  it("a real cut makes reading the body reject", async () => {
    await inject({ once: [{ match: { pathRegex: "/events$" }, fault: { kind: "cut" } }] });
    const res = await api("/events");
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it("a hang never answers; the client's timeout ends it", async () => {
    await inject({ once: [{ fault: { kind: "hang" } }] });
    await expect(api("/time", { signal: AbortSignal.timeout(300) })).rejects.toThrow();
  });

  it("sends Retry-After with injected 503s", async () => {
    await inject({ once: [{ fault: { kind: "status", status: 503, retryAfter: 4 } }] });
    const res = await api("/time");
    expect([res.status, res.headers.get("retry-after")]).toEqual([503, "4"]);
  });

  it("starts an outage on request", async () => {
    await inject({ outageForSeconds: 30 });
    const res = await api("/time");
    expect(res.status).toBe(503);
    const retryAfter = res.headers.get("retry-after") ?? "";
    const until = /^\d+$/.test(retryAfter) ? Date.now() + Number(retryAfter) * 1000 : Date.parse(retryAfter);
    expect(until).toBeGreaterThan(Date.now() + 25_000);
    await inject({ clear: true });
    expect((await api("/time")).status).toBe(200);
  });

  it("reports stats and resets to another scenario", async () => {
    const stats = (await (await fetch(`${server.url}/__mock/stats`)).json()) as {
      stats: { byRoute: Record<string, number> };
    };
    expect(stats.stats.byRoute["GET /time"]).toBeGreaterThanOrEqual(3);
    await fetch(`${server.url}/__mock/reset`, {
      method: "POST",
      body: JSON.stringify({ scenario: "closed" }),
    });
    expect(server.backend.scenario).toBe("closed");
    const body = (await (await api("/events")).json()) as { events: { status: string }[] };
    expect(body.events.filter((e) => e.status === "closed")).toHaveLength(2);
  });

  it("serves static files with their types and falls back to index.html for navigations", async () => {
    const js = await fetch(`${server.url}/app-Ab12Cd34.js`);
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await js.text()).toBe("console.log(1)");
    const page = await fetch(`${server.url}/queue/c55-59`, { headers: { accept: "text/html" } });
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toContain("<title>Jari</title>");
    expect((await fetch(`${server.url}/missing.png`)).status).toBe(404);
    expect((await fetch(`${server.url}/..%2F..%2Fetc%2Fpasswd`)).status).not.toBe(200);
  });
});
