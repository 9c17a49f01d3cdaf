import "./handoff.css";
import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { QueueClient, QueueView } from "../../core/queue/types.ts";
import type { Lang } from "../../i18n/core.ts";
import { loadTranslator, type Translate } from "../../i18n/runtime.ts";
import { Button } from "../components/Button.tsx";
import type { ContinuePanelProps } from "./ContinuePanel.tsx";

type Props = {
  client: QueueClient;
  view: QueueView;
  t: Translate;
  lang: Lang;
  onHome(): void;
};

/** The phases with a place that can move. */
const MOVABLE = new Set(["prequeue", "waiting", "admitted"]);

/**
 * "Continue elsewhere" in the waiting room: a button that opens the link, QR code and let-go step
 * (loaded on the first tap), and, once the place has moved, the "continued on another device" end.
 */
export function HandoffSlot({ client, view, t, lang, onHome }: Props) {
  const [loaded, setLoaded] = useState(false);
  const [open, setOpen] = useState(false);
  const [Panel, setPanel] = useState<ComponentType<ContinuePanelProps> | null>(null);
  useEffect(() => {
    let live = true;
    loadTranslator(lang, ["queue"]).then(
      () => live && setLoaded(true),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [lang]);
  // The catalog section arrives with this screen; until then nothing (never a bare key).
  if (!loaded && t("handoff.button") === "handoff.button") return null;

  if (view.phase === "moved") {
    const home = () => {
      client.dismiss().finally(onHome);
    };
    return (
      <div class="q-card" data-testid="handoff-moved">
        <h2>{t("handoff.moved.title")}</h2>
        <p>{t("handoff.moved.body")}</p>
        <div class="q-actions">
          <Button data-testid="queue-home" onClick={home}>
            {t("queue.home")}
          </Button>
        </div>
      </div>
    );
  }
  if (!MOVABLE.has(view.phase) || !view.ticketId) return null;

  const toggle = () => {
    setOpen(!open);
    if (!Panel)
      import("./ContinuePanel.tsx").then(
        (m) => setPanel(() => m.ContinuePanel),
        () => setOpen(false),
      );
  };
  return (
    <div class="handoff">
      <Button
        variant="secondary"
        data-testid="continue-elsewhere"
        aria-expanded={open}
        aria-controls="handoff-panel"
        onClick={toggle}
      >
        {t("handoff.button")}
      </Button>
      <div id="handoff-panel">{open && Panel && <Panel client={client} view={view} t={t} />}</div>
    </div>
  );
}
