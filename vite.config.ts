/// <reference types="vitest/config" />
import { rm } from "node:fs/promises";
import { join } from "node:path";
import preact from "@preact/preset-vite";
import { defineConfig, loadEnv, type Plugin } from "vite";
import { type ManifestOptions, VitePWA } from "vite-plugin-pwa";

/**
 * Modes:
 * - production (default, `npm run build` → dist): talks to VITE_API_BASE (default /api/v1) on its own
 *   origin; main.tsx reaches the mock only behind `import.meta.env.MODE === "demo"`, so it is dropped,
 *   and mockServiceWorker.js is removed from the output below.
 * - demo (`npm start`, `npm run build:demo` → dist-demo): MSW answers the API in the browser.
 */
export default defineConfig(({ mode }) => {
  const demo = mode === "demo";
  const apiBase = loadEnv(mode, process.cwd(), "VITE_").VITE_API_BASE ?? "/api/v1";
  return {
    plugins: [
      preact(),
      contentSecurityPolicy(apiBase),
      VitePWA({
        strategies: "injectManifest",
        srcDir: "src",
        filename: "sw.ts",
        registerType: "prompt",
        injectRegister: false,
        manifest: pwaManifest,
        injectManifest: {
          // The plugin adds the web manifest and its icons itself; screenshots are only for the install
          // sheet, so they are not worth 150 KB of every first visit.
          globPatterns: ["**/*.{js,css,html,svg}"],
          globIgnores: ["mockServiceWorker.js", "**/mockServiceWorker.js"],
          // importScripts('/mockServiceWorker.js') in the demo needs a classic worker.
          rollupFormat: "iife",
        },
        // The dev server runs MSW on its own worker; the app worker would fight it for scope "/".
        devOptions: { enabled: false },
      }),
      demo ? null : dropMockWorker(),
    ],
    build: {
      target: "es2022",
      // The shell must stay tiny (bench/weight.ts); screens are split off by dynamic import.
      modulePreload: { polyfill: false },
      rollupOptions: {
        output: {
          // Catalog sections get telling names (i18n-ko-app-…js): bench/weight.ts counts the first screen's.
          chunkFileNames: (chunk) => {
            const section = /i18n\/(ko|en)\/(\w+)\.ts$/.exec(chunk.facadeModuleId ?? "");
            return section ? `assets/i18n-${section[1]}-${section[2]}-[hash].js` : "assets/[name]-[hash].js";
          },
        },
      },
    },
  };
});

/** Installability (issue 5): Korean names, icons incl. maskable, screenshots for the richer install sheet. */
const pwaManifest = {
  id: "/",
  name: "자리 — 예약 대기열 도우미",
  short_name: "자리",
  description: "접속이 끊겨도 대기 순서를 잃지 않는 예약 도우미",
  lang: "ko",
  dir: "ltr",
  // Not plain "/": opened from the home screen with a place in line, the app goes straight to it
  // (src/app/start-route.ts), while "/" visited in a tab stays the event list.
  start_url: "/?source=pwa",
  scope: "/",
  display: "standalone",
  orientation: "portrait",
  theme_color: "#0b3d91",
  background_color: "#ffffff",
  categories: ["health", "utilities"],
  icons: [
    { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
    { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
    { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
  ],
  screenshots: [
    {
      src: "/screenshots/narrow.png",
      sizes: "720x1280",
      type: "image/png",
      form_factor: "narrow",
      label: "행사 목록",
    },
    {
      src: "/screenshots/wide.png",
      sizes: "1280x720",
      type: "image/png",
      form_factor: "wide",
      label: "행사 목록",
    },
  ],
} satisfies Partial<ManifestOptions>;

/**
 * CSP as a <meta> in the built HTML (the dev server's injected scripts would not pass it):
 * no inline script, no eval. A server should also send it as a header (README).
 */
function contentSecurityPolicy(apiBase: string): Plugin {
  const apiOrigin = /^https?:\/\//.test(apiBase) ? ` ${new URL(apiBase).origin}` : "";
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${apiOrigin}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
  return {
    name: "jari:csp",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler: () => [
        {
          tag: "meta",
          attrs: { "http-equiv": "Content-Security-Policy", content: policy },
          injectTo: "head-prepend",
        },
      ],
    },
  };
}

/** Production output must hold no MSW code at all, not even the worker script copied from public/. */
function dropMockWorker(): Plugin {
  let outDir = "dist";
  return {
    name: "jari:drop-mock-worker",
    apply: "build",
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    // Runs before vite-plugin-pwa scans the output (it uses closeBundle too, registered earlier),
    // but the precache ignores the file anyway.
    async writeBundle() {
      await rm(join(outDir, "mockServiceWorker.js"), { force: true });
    },
  };
}
