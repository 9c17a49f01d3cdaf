/**
 * The demo's own corner of the page (demo builds only, issue 11), loaded
 * after the app has rendered: a strip above the app with the first-visit hint
 * and the button that opens the demo panel, and the panel itself after the
 * app. It reads the running mock (mocks/demo-session.ts) and changes nothing
 * in the app: it only watches the requests the app sends.
 */
import { render } from "preact";
import { demoSession } from "../../mocks/demo-session.ts";
import type { Lang } from "../i18n/core.ts";
import { loadTranslator, type Translate } from "../i18n/runtime.ts";
import { DemoPanel } from "./DemoPanel.tsx";
import { DemoStrip } from "./DemoStrip.tsx";
import { dismissHint, hintDismissed, panelWasOpen, rememberPanelOpen } from "./first-visit.ts";
import "./demo.css";

const pageLang = (): Lang => (document.documentElement.lang === "en" ? "en" : "ko");

export async function mountDemo(app: HTMLElement): Promise<void> {
  const session = demoSession();
  if (!session) return;
  let t: Translate = await loadTranslator(pageLang(), ["demo"]);
  const strip = document.createElement("div");
  const sheet = document.createElement("div");
  app.before(strip);
  app.after(sheet);
  let open = panelWasOpen();
  let hint = !hintDismissed();
  // On a wide screen the open panel sits beside the app, not over it.
  document.documentElement.classList.toggle("demo-panel-open", open);

  const setOpen = (next: boolean) => {
    open = next;
    rememberPanelOpen(next);
    document.documentElement.classList.toggle("demo-panel-open", next);
    draw();
    if (!next) strip.querySelector<HTMLElement>('[data-testid="demo-panel-open"]')?.focus();
  };
  const draw = () => {
    render(
      <DemoStrip
        t={t}
        open={open}
        hint={hint}
        onToggle={() => setOpen(!open)}
        onDismissHint={() => {
          hint = false;
          dismissHint();
          draw();
        }}
      />,
      strip,
    );
    render(
      open ? <DemoPanel t={t} lang={pageLang()} session={session} onClose={() => setOpen(false)} /> : null,
      sheet,
    );
  };
  draw();

  // The app switches language on <html lang>: follow it.
  new MutationObserver(async () => {
    t = await loadTranslator(pageLang(), ["demo"]);
    draw();
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
}
