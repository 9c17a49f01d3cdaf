import { useEffect, useRef, useState } from "preact/hooks";
import { Button } from "../components/Button.tsx";
import { Notice } from "../components/Notice.tsx";
import type { Texts } from "./texts.ts";

type Props = Pick<Texts, "t"> & { onLeave(): Promise<void> };

type Step = "closed" | "asking" | "leaving";

/** Leaving is for good, so it takes a second, explicit tap. */
export function LeaveQueue({ onLeave, t }: Props) {
  const [step, setStep] = useState<Step>("closed");
  // The last try was refused (or never answered): say so, and offer it again.
  const [failed, setFailed] = useState(false);
  const question = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (step === "asking") question.current?.focus();
  }, [step]);

  const leave = () => {
    setStep("leaving");
    setFailed(false);
    // A refused leave must not stay on "Leaving…": back to the question, with a notice and a retry.
    onLeave().then(
      () => setStep("closed"),
      () => {
        setStep("asking");
        setFailed(true);
      },
    );
  };

  return (
    <div class="q-leave">
      <Button
        variant="quiet"
        data-testid="leave-queue"
        aria-expanded={step !== "closed"}
        aria-controls="q-leave-confirm"
        onClick={() => {
          setStep("asking");
          setFailed(false);
        }}
      >
        {t("queue.leave")}
      </Button>
      {step !== "closed" && (
        <fieldset class="q-confirm" id="q-leave-confirm" aria-labelledby="q-leave-question">
          <p id="q-leave-question" tabIndex={-1} ref={question}>
            {t("queue.leave.question")}
          </p>
          <div class="q-actions">
            <Button data-testid="leave-confirm" disabled={step === "leaving"} onClick={leave}>
              {step === "leaving" ? t("queue.leave.busy") : t("queue.leave.confirm")}
            </Button>
            <Button variant="secondary" data-testid="leave-cancel" onClick={() => setStep("closed")}>
              {t("queue.leave.cancel")}
            </Button>
          </div>
          {failed && (
            <Notice code="leave_failed" onRetry={leave}>
              {t("queue.leave.failed")}
            </Notice>
          )}
        </fieldset>
      )}
    </div>
  );
}
