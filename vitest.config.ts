/// <reference types="vitest/config" />
import preact from "@preact/preset-vite";
import { defineConfig } from "vitest/config";

// Three runtimes, three projects: plain Node (core, mocks, integration),
// a DOM (Preact components, IndexedDB adapters) and a real Chromium (built app).
export default defineConfig({
  test: {
    // CI also writes a JSON report, from which .ci/run prints its closing count
    // and fails on any skipped test (a browser test must never be skipped).
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: ".tmp/vitest-report.json" },
    projects: [
      {
        test: {
          name: "unit",
          environment: "node",
          include: ["src/**/*.test.ts", "mocks/**/*.test.ts", "test/**/*.test.ts", "bench/**/*.test.ts"],
          // Includes the 500-schedule chaos property (test/chaos/schedules.test.ts, a fresh seed each
          // run); `npm run test:chaos` runs the same property over 10,000 schedules.
          exclude: ["test/browser/**", "node_modules/**"],
        },
      },
      {
        plugins: [preact()],
        test: {
          name: "dom",
          environment: "happy-dom",
          include: ["src/**/*.test.tsx", "test/**/*.test.tsx"],
          exclude: ["test/browser/**", "node_modules/**"],
        },
      },
      {
        test: {
          name: "browser",
          environment: "node",
          include: ["test/browser/**/*.test.ts"],
          globalSetup: ["test/browser/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
