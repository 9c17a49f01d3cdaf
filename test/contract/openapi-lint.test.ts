/**
 * contract/openapi.yaml must pass a standard linter, Redocly CLI with its
 * recommended rules, with no error and no warning. The project's own
 * structural tests once missed seven errors (unquoted flow-mapping
 * descriptions whose commas made bogus schema keys, public operations with no
 * `security`), so the linter itself runs here. A broken copy proves the run
 * can fail.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { OPENAPI_PATH } from "./openapi.ts";

const REDOCLY = fileURLToPath(new URL("../../node_modules/.bin/redocly", import.meta.url));

interface Problem {
  ruleId: string;
  severity: "error" | "warn";
  message: string;
}
interface Report {
  totals: { errors: number; warnings: number };
  problems: Problem[];
}

/** Runs `redocly lint --format=json` with the built-in recommended rules; the exit code is ignored, the report is read. */
async function lint(file: string): Promise<Report> {
  const run = promisify(execFile);
  const options = {
    cwd: tmpdir(), // no redocly.yaml may change the rules
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
    maxBuffer: 16 * 1024 * 1024,
  };
  const args = ["lint", file, "--format=json", "--extends=recommended"];
  const output = await run(REDOCLY, args, options).catch(
    (error: { stdout?: string; stderr?: string }) => error,
  );
  const stdout = output.stdout ?? "";
  const start = stdout.indexOf("{");
  if (start < 0) throw new Error(`redocly printed no report: ${output.stderr ?? ""}`);
  return JSON.parse(stdout.slice(start)) as Report;
}

const summary = (report: Report) => report.problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message}`);

const scratch = mkdtempSync(join(tmpdir(), "jari-openapi-lint-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("contract/openapi.yaml under Redocly's recommended rules", () => {
  it("reports no error and no warning", async () => {
    const report = await lint(OPENAPI_PATH);
    expect(summary(report)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);

  it("does report the defects it once had, on a deliberately broken copy", async () => {
    const source = readFileSync(OPENAPI_PATH, "utf8");
    // Undo two of the fixes: an unquoted description with a comma, and a public operation without security.
    const quoted = '{ type: string, description: "A body field, query parameter or header name." }';
    const broken = source
      .replace(quoted, "{ type: string, description: A body field, query parameter or header name. }")
      .replace(
        "operationId: getTime\n      tags: [time]\n      security: []\n",
        "operationId: getTime\n      tags: [time]\n",
      );
    expect(broken).not.toBe(source);
    const file = join(scratch, "openapi.yaml");
    writeFileSync(file, broken);
    const report = await lint(file);
    const rules = report.problems.map((p) => p.ruleId);
    expect(rules).toContain("struct");
    expect(rules).toContain("security-defined");
    expect(report.totals.errors).toBeGreaterThanOrEqual(2);
  }, 60_000);
});
