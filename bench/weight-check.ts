import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

/** Issue 5's budget for the production build, in gzip bytes. */
export interface Budget {
  firstScreenJs: number;
  css: number;
}

export const BUDGET: Budget = { firstScreenJs: 20 * 1024, css: 5 * 1024 };

/**
 * Chunks the home screen loads by dynamic import as it opens: the Korean "app" messages (awaited
 * before the first render) and the device store (for "you have a place in line", the birth year).
 * Only the service-worker side (src/pwa/register.ts, workbox-window) is left out: main.tsx loads it
 * after load and idle on purpose.
 * test/browser/weight.test.ts checks this list against what Chromium actually fetches.
 */
export const FIRST_SCREEN_LAZY = [/^assets\/i18n-ko-app-[\w-]+\.js$/, /^assets\/open-store-[\w-]+\.js$/];

/** Text that only the mock backend's code contains. */
export const MSW_MARKERS = ["mockServiceWorker", "setupWorker", "MSW", "msw/browser", "INTEGRITY_CHECKSUM"];

export interface WeightReport {
  /** Files counted as the first screen's JavaScript, with gzip sizes. */
  firstScreen: { file: string; gzip: number }[];
  firstScreenJs: number;
  css: number;
  fonts: string[];
  mswFiles: string[];
  failures: string[];
}

const gz = (buf: Buffer) => gzipSync(buf, { level: 9 }).length;

/**
 * Weighs a production build: the JavaScript the home screen loads as it opens
 * (the entry script in index.html, FIRST_SCREEN_LAZY, and their static imports),
 * all CSS, web fonts, and any MSW code.
 */
export async function checkWeight(dir: string, budget: Budget = BUDGET): Promise<WeightReport> {
  const files = await listFiles(dir);
  const html = await readFile(join(dir, "index.html"), "utf8");
  const entries = [...html.matchAll(/<script[^>]*\bsrc="\/?([^"]+\.js)"/g)].map((m) => m[1] as string);
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/?([^"]+\.js)"/g)].map(
    (m) => m[1] as string,
  );
  const firstScreenFiles = new Set<string>();
  const lazy = files.filter((f) => FIRST_SCREEN_LAZY.some((re) => re.test(f)));
  const queue = [...entries, ...preloads, ...lazy];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (firstScreenFiles.has(file)) continue;
    firstScreenFiles.add(file);
    queue.push(...staticImports(await readFile(join(dir, file), "utf8"), file));
  }

  const firstScreen = await Promise.all(
    [...firstScreenFiles].map(async (file) => ({ file, gzip: gz(await readFile(join(dir, file))) })),
  );
  const firstScreenJs = firstScreen.reduce((sum, f) => sum + f.gzip, 0);
  let css = 0;
  for (const f of files.filter((f) => f.endsWith(".css"))) css += gz(await readFile(join(dir, f)));
  const fonts = files.filter((f) => /\.(woff2?|ttf|otf|eot)$/i.test(f));
  const mswFiles: string[] = [];
  for (const f of files.filter((f) => /\.(js|html|webmanifest)$/.test(f))) {
    const text = await readFile(join(dir, f), "utf8");
    if (f.endsWith("mockServiceWorker.js") || MSW_MARKERS.some((m) => text.includes(m))) mswFiles.push(f);
  }

  const failures: string[] = [];
  if (entries.length === 0) failures.push("index.html has no entry script");
  if (firstScreenJs > budget.firstScreenJs)
    failures.push(`first-screen JS ${firstScreenJs} B gzip > ${budget.firstScreenJs} B`);
  if (css > budget.css) failures.push(`CSS ${css} B gzip > ${budget.css} B`);
  if (fonts.length > 0) failures.push(`web fonts shipped: ${fonts.join(", ")}`);
  if (mswFiles.length > 0) failures.push(`MSW code in: ${mswFiles.join(", ")}`);
  return { firstScreen, firstScreenJs, css, fonts, mswFiles, failures };
}

/** Chunk files a built module imports statically (`import … from "./x.js"`, not `import("./x.js")`). */
function staticImports(code: string, file: string): string[] {
  const dir = file.slice(0, file.lastIndexOf("/") + 1);
  const found: string[] = [];
  for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+\.js)["']/g)) {
    const spec = m[1] as string;
    found.push(spec.startsWith("/") ? spec.slice(1) : normalize(dir + spec));
  }
  return found;
}

function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "..") out.pop();
    else if (part !== "." && part !== "") out.push(part);
  }
  return out.join("/");
}

async function listFiles(dir: string, root = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path, root)));
    else out.push(relative(root, path).split("\\").join("/"));
  }
  return out;
}
