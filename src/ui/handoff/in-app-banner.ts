import type { MessageKey } from "../../i18n/core.ts";
import { loadTranslator } from "../../i18n/runtime.ts";
import { escapeUrl, type InAppBrowser } from "../../platform/in-app-browser.ts";
import type { BootOptions } from "./boot.ts";
import { copyText, placeLink } from "./place-link.ts";
import { hyperscript, topRegion } from "./top-region.ts";

/** This page's address, with the device's live place in the fragment when it holds one. */
async function currentPlace({ services }: BootOptions): Promise<string> {
  const base = location.origin + location.pathname + location.search;
  try {
    return await placeLink(await services.store(), base);
  } catch {
    return base;
  }
}

/**
 * In a messenger's own browser: one sentence on why to leave, and the way out this app and phone
 * allow (its external-open or an intent: link, or copy the link on iPhone), shown above the app in
 * the language it opened in. The link carries the place, kept current as the place is made or moved.
 */
export async function showInAppBanner(browser: InAppBrowser, options: BootOptions): Promise<void> {
  const { services, router } = options;
  const h = hyperscript(options);
  const t = await loadTranslator(options.lang(), ["queue"]);
  const region = topRegion(options, t("handoff.inapp.label"), "in-app");
  const state = {
    place: location.origin + location.pathname + location.search,
    copied: null as boolean | null,
    left: false,
  };
  let live = true;
  let watching: (() => void) | null = null;

  const draw = () => {
    const href = escapeUrl(browser, state.place);
    const button = (variant: string, testId: string, label: string, onClick: () => void) =>
      h("button", { type: "button", class: `btn btn-${variant}`, "data-testid": testId, onClick }, label);
    const status =
      (state.copied === null ? "" : t(state.copied ? "handoff.copied" : "handoff.copyFailed")) +
      (state.left || state.copied ? ` ${t("handoff.inapp.after")}` : "");
    region.draw(
      h(
        "div",
        {
          class: "notice notice-info",
          "data-testid": "in-app-banner",
          "data-app": browser.app,
          "data-platform": browser.platform,
        },
        h("p", null, t("handoff.inapp.body", { app: t(`handoff.app.${browser.app}` as MessageKey) })),
        href === null && h("p", null, t("handoff.inapp.ios")),
        h(
          "div",
          { class: "actions" },
          href !== null
            ? h(
                // A button, not a link: a link above the app would come before its skip link.
                "button",
                {
                  type: "button",
                  class: "btn btn-primary",
                  "data-testid": "in-app-open",
                  "data-href": href,
                  onClick: () => {
                    update({ left: true });
                    location.href = href;
                  },
                },
                t("handoff.inapp.open"),
              )
            : button("primary", "in-app-copy", t("handoff.copy"), () => {
                copyText(state.place).then((copied) => update({ copied }));
              }),
          button("quiet", "in-app-close", t("handoff.close"), close),
        ),
        h("p", { role: "status" }, status),
      ),
    );
  };
  const update = (patch: Partial<typeof state>) => {
    Object.assign(state, patch);
    if (live) draw();
  };
  const refresh = () => {
    currentPlace(options).then((place) => update({ place }));
  };
  // The waiting room's client, once this page has one: each change may make, move or end the place.
  const watchQueue = () => {
    const queue = services.queueIfLoaded();
    if (queue && !watching) watching = queue.subscribe(refresh);
    else if (!queue && router.current().id === "queue")
      services.queue().then(
        () => live && watchQueue(),
        () => undefined,
      );
  };
  const offRouter = router.subscribe(() => {
    refresh();
    watchQueue();
  });
  function close() {
    live = false;
    offRouter();
    watching?.();
    region.close();
  }
  draw();
  refresh();
  watchQueue();
}
