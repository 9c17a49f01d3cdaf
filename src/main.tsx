import { render } from "preact";
import { applyDocumentLang, initialLang, rememberLang } from "./app/lang.ts";
import { createRouter } from "./app/router.ts";
import { busyRoutes, routes } from "./app/routes.ts";
import { createServices } from "./app/services.ts";
import type { Lang } from "./i18n/core.ts";
import { loadTranslator } from "./i18n/runtime.ts";
import { registerSW } from "./pwa/register.ts";
import type { PwaController } from "./pwa/types.ts";
import { App } from "./ui/app/App.tsx";
import "./ui/styles.css";

/** The app worker; in the demo build it also hosts MSW (see src/sw.ts), so both share one registration. */
const SW_URL = import.meta.env.MODE === "demo" ? "/sw.js?msw=1" : "/sw.js";
const active = new Set(["joining", "prequeue", "waiting", "admitted"]);

async function main(): Promise<void> {
  const demo = import.meta.env.MODE === "demo";
  const lang = initialLang();
  applyDocumentLang(lang);
  const translator = loadTranslator(lang);
  // A compile-time constant: in production builds rollup drops this branch and the whole mock.
  if (import.meta.env.MODE === "demo") {
    // Without the mock the app still opens; its screens then show what the network said.
    await startDemo().catch((error: unknown) => console.error("demo mock did not start", error));
  }

  let currentLang = lang;
  const services = createServices({
    demo,
    apiBase: import.meta.env.VITE_API_BASE ?? "/api/v1",
    lang: () => currentLang,
  });
  const router = createRouter(routes);
  const t = await translator;
  const onLangChange = (next: Lang) => {
    currentLang = next;
    applyDocumentLang(next);
    rememberLang(next);
  };

  // The dev server runs MSW on its own worker; the app worker is only for builds.
  let pwa: PwaController | null = null;
  if (!import.meta.env.DEV && "serviceWorker" in navigator) {
    pwa = registerSW({
      url: SW_URL,
      isBusy: () =>
        busyRoutes.has(router.current().id) ||
        active.has(services.queueIfLoaded()?.getView().phase ?? "") ||
        services.bookingIfLoaded()?.getView().confirmPending === true,
    });
    const checkDeferred = pwa.checkDeferred;
    router.subscribe(() => checkDeferred());
  }

  const root = document.getElementById("app");
  if (!root) throw new Error("#app is missing from index.html");
  render(
    <App services={services} router={router} initial={{ lang, t }} onLangChange={onLangChange} pwa={pwa} />,
    root,
  );

  // A ticket saved before a reload or app kill keeps polling from any screen, not only the waiting room.
  services
    .store()
    .then((store) => store.getActiveTicket())
    .then(
      (ticket) => ticket && services.queue(),
      () => undefined,
    );
}

async function startDemo(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const { startDemoMock } = await import("../mocks/browser.ts");
  await startDemoMock({
    scenario: params.get("scenario") ?? undefined,
    speed: params.has("speed") ? Number(params.get("speed")) : undefined,
    seed: params.has("seed") ? Number(params.get("seed")) : undefined,
    serviceWorkerUrl: import.meta.env.DEV ? "/mockServiceWorker.js" : SW_URL,
  });
}

main().catch((error: unknown) => {
  console.error("Jari did not start", error);
  document.getElementById("boot-error")?.removeAttribute("hidden");
});
