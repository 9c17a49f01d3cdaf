import type { Translate } from "../i18n/runtime.ts";

interface Props {
  t: Translate;
  open: boolean;
  hint: boolean;
  onToggle(): void;
  onDismissHint(): void;
}

/** Above the app: "Demo", the first-visit hint (two lines, dismissible) and the panel's button. */
export function DemoStrip({ t, open, hint, onToggle, onDismissHint }: Props) {
  return (
    <aside class="demo-strip" aria-label={t("demo.strip.title")}>
      {hint && (
        <div class="demo-hint" data-testid="demo-hint">
          <p>{t("demo.hint.line1")}</p>
          <p>{t("demo.hint.line2")}</p>
        </div>
      )}
      <div class="demo-strip-row">
        <span class="demo-strip-label">{t("demo.strip.label")}</span>
        {hint && (
          <button
            type="button"
            class="demo-btn demo-btn-quiet"
            data-testid="demo-hint-dismiss"
            onClick={onDismissHint}
          >
            {t("demo.hint.dismiss")}
          </button>
        )}
        <button
          type="button"
          class="demo-btn"
          data-testid="demo-panel-open"
          aria-expanded={open}
          aria-controls={open ? "demo-panel" : undefined}
          onClick={onToggle}
        >
          {t("demo.open")}
        </button>
      </div>
    </aside>
  );
}
