import { decodeHandoff } from "../../core/handoff/fragment.ts";
import { type ImportResult, importHandoff } from "../../core/handoff/transfer.ts";
import { loadTranslator, type Translate } from "../../i18n/runtime.ts";
import type { BootOptions } from "./boot.ts";
import { hyperscript, type Preact, topRegion } from "./top-region.ts";

type Outcome = ImportResult | { kind: "invalid" } | { kind: "store_failed" };
type Refused = Exclude<Outcome, { kind: "taken" }>;

const queuePath = (eventId: string) => `/queue/${encodeURIComponent(eventId)}`;

/**
 * The receiving end of "continue elsewhere": the fragment (already off the address bar) is checked
 * like network input, taken into this browser's store unless it holds another place (one ticket,
 * never two), and the waiting room opens on it and reads its status with the brought token.
 */
export async function receive(options: BootOptions): Promise<void> {
  const { hash, services, router, lang } = options;
  const translator = loadTranslator(lang(), ["queue"]);
  const outcome = await take(hash, services);
  if (outcome.kind === "taken") {
    // The waiting room's client may have read the store before the place arrived: read it again.
    const queue = await services.queue();
    await queue.resume();
    router.navigate(queuePath(outcome.record.eventId), { replace: true });
    return;
  }
  const t = await translator;
  const region = topRegion(options, t("handoff.receive.label"), "handoff-received");
  region.draw(refused(options, outcome, t, (path) => router.navigate(path), region.close));
}

async function take(hash: string, services: BootOptions["services"]): Promise<Outcome> {
  const payload = decodeHandoff(hash);
  if (!payload) return { kind: "invalid" };
  try {
    return await importHandoff(await services.store(), payload, services.clock.now());
  } catch {
    return { kind: "store_failed" };
  }
}

/** Why the brought place was not taken in, and the way on from there (a notice, as the app's look). */
function refused(
  preact: Preact,
  outcome: Refused,
  t: Translate,
  show: (path: string) => void,
  close: () => void,
) {
  const h = hyperscript(preact);
  const conflict = outcome.kind === "conflict" ? outcome : null;
  const text = conflict
    ? [h("p", null, h("strong", null, t("handoff.conflict.title"))), h("p", null, t("handoff.conflict.body"))]
    : [h("p", null, t(outcome.kind === "invalid" ? "handoff.invalid" : "handoff.storeFailed"))];
  const button = (variant: string, testId: string, label: string, onClick: () => void) =>
    h("button", { type: "button", class: `btn btn-${variant}`, "data-testid": testId, onClick }, label);
  return h(
    "div",
    { class: "notice", "data-testid": "notice", "data-code": `handoff_${outcome.kind}`, role: "alert" },
    ...text,
    h(
      "div",
      { class: "actions" },
      conflict &&
        button("primary", "handoff-show-kept", t("handoff.conflict.show"), () => {
          show(queuePath(conflict.kept.eventId));
          close();
        }),
      button("secondary", "handoff-notice-close", t("handoff.close"), close),
    ),
  );
}
