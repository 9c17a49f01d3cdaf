import { useEffect, useRef, useState } from "preact/hooks";
import type { QueueClient, QueueView } from "../../core/queue/types.ts";
import type { Translate } from "../../i18n/runtime.ts";
import { useServices } from "../app/context.ts";
import { Button } from "../components/Button.tsx";
import { QrCode } from "../reservation/QrCode.tsx";
import { copyText, placeLink } from "./place-link.ts";

export type ContinuePanelProps = { client: QueueClient; view: QueueView; t: Translate };

type Step = "closed" | "asking" | "moving";

/**
 * The link and QR code that carry this place to another device, and the step that lets go of it
 * here: asked first, then the place ends on this device as "moved" and it stops reading the status.
 */
export function ContinuePanel({ client, view, t }: ContinuePanelProps) {
  const services = useServices();
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  const [step, setStep] = useState<Step>("closed");
  const question = useRef<HTMLParagraphElement>(null);
  const { ticketId } = view;
  const admissionToken = view.admission?.token ?? null;

  useEffect(() => {
    let live = true;
    const base = `${location.origin}/`;
    services
      .store()
      .then((store) => placeLink(store, base, ticketId))
      .then(
        (made) => live && setLink(made === base ? null : made),
        () => live && setLink(null),
      );
    return () => {
      live = false;
    };
    // A new admission changes what travels: make the link again.
  }, [services, ticketId, admissionToken]);
  useEffect(() => {
    if (step === "asking") question.current?.focus();
  }, [step]);

  const letGo = () => {
    setStep("moving");
    client.moveAway().catch(() => setStep("asking"));
  };

  return (
    <div class="q-card" data-testid="continue-panel">
      <h2>{t("handoff.title")}</h2>
      <p>{t("handoff.explain")}</p>
      {link && (
        <>
          <div class="handoff-qr" data-testid="continue-qr">
            <QrCode text={link} label={t("handoff.qr")} />
          </div>
          <p>
            <a
              class="handoff-link"
              data-testid="continue-link"
              href={link}
              target="_blank"
              rel="noopener noreferrer"
            >
              {t("handoff.link")}
            </a>
          </p>
          <div class="q-actions">
            <Button
              variant="secondary"
              data-testid="handoff-copy"
              onClick={() => copyText(link).then(setCopied)}
            >
              {t("handoff.copy")}
            </Button>
          </div>
        </>
      )}
      <p class="q-hint" role="status">
        {copied === null ? "" : t(copied ? "handoff.copied" : "handoff.copyFailed")}
      </p>
      <div class="q-actions">
        <Button
          data-testid="handoff-release"
          aria-expanded={step !== "closed"}
          aria-controls="handoff-release-confirm"
          onClick={() => setStep("asking")}
        >
          {t("handoff.release")}
        </Button>
      </div>
      {step !== "closed" && (
        <fieldset class="q-confirm" id="handoff-release-confirm" aria-labelledby="handoff-release-question">
          <p id="handoff-release-question" tabIndex={-1} ref={question}>
            {t("handoff.release.question")}
          </p>
          <div class="q-actions">
            <Button data-testid="handoff-confirm" disabled={step === "moving"} onClick={letGo}>
              {step === "moving" ? t("handoff.release.busy") : t("handoff.release.confirm")}
            </Button>
            <Button variant="secondary" data-testid="handoff-cancel" onClick={() => setStep("closed")}>
              {t("handoff.release.cancel")}
            </Button>
          </div>
        </fieldset>
      )}
    </div>
  );
}
