import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Biome forbids DOM globals and framework imports in core; these are the
// nondeterministic calls that lint cannot tell apart from pure Date/Math use.
const forbidden = [/\bDate\.now\(/, /\bnew Date\(\s*\)/, /\bMath\.random\(/, /\bperformance\.now\(/];

/** Comments may name the forbidden calls (to say they are injected). */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

describe("src/core purity", () => {
  const files = sourceFiles("src/core");

  it("finds the core sources", () => {
    expect(files.length).toBeGreaterThan(3);
  });

  it("never reads the device clock or randomness directly (they are injected)", () => {
    const offenders = files.flatMap((file) => {
      const text = withoutComments(readFileSync(file, "utf8"));
      return forbidden.filter((re) => re.test(text)).map((re) => `${file}: ${re.source}`);
    });
    expect(offenders).toEqual([]);
  });
});
