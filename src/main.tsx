import { render } from "preact";
import { jsx } from "preact/jsx-runtime";
import { applyDocumentLang, initialLang, rememberLang } from "./app/lang.ts";
import { createRouter } from "./app/router.ts";
import { routes } from "./app/routes.ts";
import { createServices } from "./app/services.ts";
import type { Lang } from "./i18n/core.ts";
import { loadTranslator } from "./i18n/runtime.ts";
import { mayBeInApp } from "./platform/in-app-hint.ts";
import { afterLoad } from "./pwa/after-load.ts";
import { holdInstallPrompt } from "./pwa/hold-install-prompt.ts";
import type { PwaController } from "./pwa/types.ts";
import { App } from "./ui/app/App.tsx";
import "./ui/styles.css";

/** The app worker; in the demo build it also hosts MSW (see src/sw.ts), so both share one registration. */
const SW_URL = import.meta.env.MODE === "demo" ? "/sw.js?msw=1" : "/sw.js";

async function main(): Promise<void> {
  // A place brought from another device (#handoff=…) leaves the address bar before anything can log or send it.
  const handoff = location.hash.startsWith("#handoff=") ? location.hash : "";
  if (handoff) history.replaceState(history.state, "", location.pathname + location.search);
  const takeInstallPrompt = holdInstallPrompt();
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

  const root = document.getElementById("app");
  if (!root) throw new Error("#app is missing from index.html");
  const show = (pwa: PwaController | null) =>
    render(
      <App services={services} router={router} initial={{ lang, t }} onLangChange={onLangChange} pwa={pwa} />,
      root,
    );
  show(null);
  // Taking in that place, and the way out of a messenger's in-app browser (src/ui/handoff/): off the first screen.
  const handoffBoot = () =>
    import("./ui/handoff/boot.ts").then((m) =>
      m.boot({ hash: handoff, services, router, lang: () => currentLang, jsx, render }),
    );
  if (handoff) handoffBoot();
  else if (mayBeInApp(navigator.userAgent)) afterLoad(handoffBoot);
  if (import.meta.env.MODE === "demo") {
    // The demo strip and panel (src/demo/): loaded once the app has rendered and the page has settled.
    afterLoad(() => {
      import("./demo/mount.tsx")
        .then((m) => m.mountDemo(root))
        .catch((error: unknown) => console.error("demo panel did not load", error));
    });
  }

  // The app worker, its update prompt and the install offer come once the page has settled: they must
  // not weigh on the first screen. The dev server runs MSW on its own worker, so none there.
  if (!import.meta.env.DEV && "serviceWorker" in navigator) {
    afterLoad(async () => {
      const { startWorker } = await import("./app/register-sw.ts");
      show(startWorker(SW_URL, takeInstallPrompt(), router, services));
    });
  }

  // A ticket saved before a reload or app kill keeps polling from any screen, not only the waiting room;
  // opened at its start URL, the app goes straight to that place (or to the booking under its admission).
  services
    .store()
    .then(async (store) => {
      const ticket = await store.getActiveTicket();
      if (!ticket) return;
      services.queue().catch(() => undefined);
      // Only with a place held is there anywhere to go: the decision loads then, off the first screen.
      await (await import("./app/start-route.ts")).openAtStart(store, ticket, router);
    })
    .catch(() => undefined);
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
