/**
 * Weight budget for the production build (issue 5): first-screen JS <= 20 KB gzip,
 * CSS <= 5 KB gzip, no web fonts, no MSW code. Usage: npm run build && npm run bench:weight
 */
import { existsSync } from "node:fs";
import { BUDGET, checkWeight } from "./weight-check.ts";

const dir = process.argv[2] ?? "dist";
if (!existsSync(`${dir}/index.html`)) {
  console.error(`No build in ${dir}: run \`npm run build\` first`);
  process.exit(2);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
const report = await checkWeight(dir);
console.log(
  `first-screen JS  ${kb(report.firstScreenJs)} gzip  (budget ${kb(BUDGET.firstScreenJs)}; ${report.firstScreenJs} B)`,
);
for (const f of report.firstScreen) console.log(`  ${f.file.padEnd(44)} ${kb(f.gzip)}`);
console.log(`CSS              ${kb(report.css)} gzip  (budget ${kb(BUDGET.css)})`);
console.log(`web fonts        ${report.fonts.length}`);
console.log(`files with MSW   ${report.mswFiles.length}`);
if (report.failures.length > 0) {
  for (const f of report.failures) console.error(`OVER BUDGET: ${f}`);
  process.exit(1);
}
console.log("within budget");
