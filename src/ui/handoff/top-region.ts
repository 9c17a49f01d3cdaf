import type { ComponentChildren, render as Render } from "preact";
import type { jsx as Jsx } from "preact/jsx-runtime";

/**
 * Preact's `jsx` and `render`, handed over by main.tsx. Importing preact (or writing JSX) in a chunk
 * that main.tsx loads makes the bundler split preact off the entry chunk, which weighs on the first
 * screen; these two are in the entry chunk anyway.
 */
export interface Preact {
  jsx: typeof Jsx;
  render: typeof Render;
}

type Props = Record<string, unknown> | null;

/** `h(tag, props, ...children)` over the handed-over `jsx`. */
export const hyperscript =
  ({ jsx }: Preact) =>
  (tag: string, props: Props, ...children: ComponentChildren[]) =>
    jsx(tag as "div", { ...props, children });

export interface TopRegion {
  draw(content: ComponentChildren): void;
  close(): void;
}

/**
 * A labelled region above the app for a message about the whole page (a place brought from another
 * device, the in-app-browser banner): outside the routed screens, so a navigation keeps it.
 */
export function topRegion({ render }: Preact, label: string, testId: string): TopRegion {
  const region = document.createElement("section");
  // Styled here, not in a stylesheet: one less file for the entry chunk to name (CSSOM passes the CSP).
  region.style.padding = "0 1rem";
  region.setAttribute("aria-label", label);
  region.dataset.testid = testId;
  document.body.insertBefore(region, document.getElementById("app"));
  return {
    draw: (content) => render(content, region),
    close() {
      render(null, region);
      region.remove();
    },
  };
}
