import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { useI18n } from "../app/context.ts";

/** The first screen after load keeps the browser's natural focus; later ones move it. */
let firstScreen = true;

type Props = { title: string; children: ComponentChildren };

/**
 * One routed screen: its <h1> takes focus when the screen appears, so screen
 * reader and keyboard users start at the new content after a navigation.
 */
export function Screen({ title, children }: Props) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${t("app.name")}`;
    if (!firstScreen) heading.current?.focus();
    firstScreen = false;
  }, [title, t]);
  return (
    <section class="screen" aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {children}
    </section>
  );
}
