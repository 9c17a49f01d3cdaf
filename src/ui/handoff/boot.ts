// Split off the entry chunk: main.tsx loads this after the first screen (at once when a place came in
// the fragment), with its notice and banner. No JSX and no preact import here: see Preact in
// ./top-region.ts.
import type { Router } from "../../app/router.ts";
import type { RouteId } from "../../app/routes.ts";
import type { Services } from "../../app/services.ts";
import type { Lang } from "../../i18n/core.ts";
import { detectInAppBrowser } from "../../platform/in-app-browser.ts";
import { showInAppBanner } from "./in-app-banner.ts";
import { receive } from "./receive.ts";
import type { Preact } from "./top-region.ts";

export interface BootOptions extends Preact {
  /** The `#handoff=…` fragment main.tsx took off the address bar before anything else ran, or "". */
  hash: string;
  services: Services;
  router: Router<RouteId>;
  lang: () => Lang;
}

/** Takes in a place brought in the fragment, and offers a way out of a messenger's in-app browser. */
export function boot(options: BootOptions): void {
  if (options.hash) receive(options).catch(report);
  const browser = detectInAppBrowser(navigator.userAgent);
  if (browser) showInAppBanner(browser, options).catch(report);
}

function report(error: unknown): void {
  console.error("handoff failed", error);
}
