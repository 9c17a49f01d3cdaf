// Prints the suite's closing count from Vitest's JSON report and fails when
// any test failed, was skipped, or none ran at all.
import { readFileSync } from "node:fs";

const report = JSON.parse(readFileSync(".tmp/vitest-report.json", "utf8"));
const passed = report.numPassedTests;
const failed = report.numFailedTests;
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || skipped > 0 || passed === 0) process.exit(1);
