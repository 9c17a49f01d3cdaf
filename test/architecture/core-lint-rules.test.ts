import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// Proves that the project's own Biome config (not a copy of its rules) makes
// the lint step fail when core imports UI, Preact or the mocks, or touches
// DOM globals — while the same code is allowed outside core.
const biome = resolve("node_modules/.bin/biome");
const sandbox = mkdtempSync(join(tmpdir(), "jari-lint-"));

function writeProject(files: Record<string, string>): void {
  const config = JSON.parse(readFileSync("biome.json", "utf8")) as Record<string, unknown>;
  delete config.$schema;
  delete config.vcs; // the sandbox is not a git checkout
  writeFileSync(join(sandbox, "biome.json"), JSON.stringify(config));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(sandbox, path, ".."), { recursive: true });
    writeFileSync(join(sandbox, path), text);
  }
}

function lint(path: string): { ok: boolean; output: string } {
  try {
    const output = execFileSync(biome, ["lint", "--max-diagnostics=100", path], {
      cwd: sandbox,
      encoding: "utf8",
      stdio: "pipe",
    });
    return { ok: true, output };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

const offending = [
  'import { h } from "preact";',
  'import { createBackend } from "../../mocks/model/index.ts";',
  'import { App } from "../ui/app/App.tsx";',
  "export const leaks = [h, createBackend, App, window.location, document.title, navigator.onLine, localStorage];",
  "",
].join("\n");

writeProject({ "src/core/probe.ts": offending, "src/ui/probe.tsx": offending });
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

describe("lint rules keep core framework-free", () => {
  it("fails core code that imports Preact, UI or the mocks, or uses DOM globals", () => {
    const result = lint("src/core");
    expect(result.ok).toBe(false);
    for (const needle of [
      "core is framework-free: no Preact",
      "core must not import the mock backend",
      "core must not import UI or platform code",
      "global variable window",
      "global variable document",
      "global variable navigator",
      "global variable localStorage",
    ]) {
      expect(result.output).toContain(needle);
    }
  });

  it("allows the same imports and globals outside core", () => {
    const result = lint("src/ui");
    expect(result.output).not.toContain("noRestricted");
  });
});
