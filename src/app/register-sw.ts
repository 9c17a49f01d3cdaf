import { registerSW } from "../pwa/register.ts";
import type { PwaController } from "../pwa/types.ts";
import type { Router } from "./router.ts";
import { busyRoutes, type RouteId } from "./routes.ts";
import type { Services } from "./services.ts";

const active = new Set(["joining", "prequeue", "waiting", "admitted"]);

/**
 * The app worker and its update prompt, wired to what would make an update unwelcome (a wait, a
 * booking, a confirm in flight). main.tsx loads this after load and idle, off the first screen.
 */
export function startWorker(
  url: string,
  heldInstallPrompt: Event | null,
  router: Router<RouteId>,
  services: Pick<Services, "queueIfLoaded" | "bookingIfLoaded">,
): PwaController {
  const pwa = registerSW({
    url,
    heldInstallPrompt,
    isBusy: () =>
      busyRoutes.has(router.current().id) ||
      active.has(services.queueIfLoaded()?.getView().phase ?? "") ||
      services.bookingIfLoaded()?.getView().confirmPending === true,
  });
  router.subscribe(() => pwa.checkDeferred());
  return pwa;
}
