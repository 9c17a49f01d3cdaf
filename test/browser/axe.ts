import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
let axeSource: Promise<string> | null = null;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core (WCAG 2.x A/AA rules) on the page as it is now and throws with
 * a readable list when anything is violated. Injected through the DevTools
 * protocol, so the page's CSP does not block it.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  axeSource ??= readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  const source = await axeSource;
  await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    })) as { violations: unknown[] };
    return result.violations;
  });
  const list = violations as AxeViolation[];
  if (list.length > 0) {
    const text = list
      .map(
        (v) =>
          `- ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`,
      )
      .join("\n");
    throw new Error(`axe found ${list.length} accessibility violation(s) on ${label}:\n${text}`);
  }
}
