import type { ComponentChildren } from "preact";
import type { MessageKey } from "../../i18n/core.ts";
import { useI18n } from "../app/context.ts";
import { Button } from "./Button.tsx";

type Props = {
  /** A contract problem code or an app code (offline, network, timeout, invalid_response, …). */
  code: string;
  /** "error" interrupts (role=alert); "info" is announced politely. */
  tone?: "error" | "info";
  /** Replaces the catalog's standard message for `code`. */
  children?: ComponentChildren;
  /** Shows a "try again" button. */
  onRetry?: () => void;
  retryLabel?: string;
  /** The retry is not allowed yet (the server's Retry-After): shown, but disabled. */
  retryDisabled?: boolean;
};

/** Every notice the user can meet: data-testid="notice" data-code=<code>, and a way forward. */
export function Notice({ code, tone = "error", children, onRetry, retryLabel, retryDisabled }: Props) {
  const { t } = useI18n();
  const key = `app.notice.${code}` as MessageKey;
  // Codes from a newer server have no message yet: say something general rather than nothing.
  const message = t(key) === key ? t("app.notice.unknown") : t(key);
  return (
    <div
      class={`notice notice-${tone}`}
      data-testid="notice"
      data-code={code}
      role={tone === "error" ? "alert" : "status"}
    >
      <p>{children ?? message}</p>
      {onRetry && (
        <Button variant="secondary" onClick={onRetry} disabled={retryDisabled}>
          {retryLabel ?? t("app.retry")}
        </Button>
      )}
    </div>
  );
}
