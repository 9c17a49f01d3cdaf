/** The first-visit hint's "dismissed" mark and the panel's open state across a restart. */

const HINT_KEY = "jari-demo-hint-dismissed";
const OPEN_KEY = "jari-demo-panel-open";

function read(storage: () => Storage, key: string): string | null {
  try {
    return storage().getItem(key);
  } catch {
    return null;
  }
}

function write(storage: () => Storage, key: string, value: string | null): void {
  try {
    if (value === null) storage().removeItem(key);
    else storage().setItem(key, value);
  } catch {
    // Private mode: remembered for this page only.
  }
}

export const hintDismissed = (): boolean => read(() => localStorage, HINT_KEY) === "1";
export const dismissHint = (): void => write(() => localStorage, HINT_KEY, "1");

/** The panel stays open across the reload a restart makes (this tab only). */
export const panelWasOpen = (): boolean => read(() => sessionStorage, OPEN_KEY) === "1";
export const rememberPanelOpen = (open: boolean): void =>
  write(() => sessionStorage, OPEN_KEY, open ? "1" : null);
