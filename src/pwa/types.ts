/** What the install/update prompts show. */
export interface PwaState {
  /**
   * none: nothing to apply; ready: a new version waits for the user's word;
   * deferred: the user agreed while a wait or booking was in progress, so it is
   * applied at the next safe moment (or now, if the user insists).
   */
  update: "none" | "ready" | "deferred";
  /** The browser offered an install prompt (beforeinstallprompt). */
  canInstall: boolean;
  /** iOS Safari has no install prompt: explain "Add to Home Screen" instead. */
  iosHint: boolean;
}

/** Framework-free control of the app's service worker and install prompt. */
export interface PwaController {
  getState(): PwaState;
  subscribe(listener: (state: PwaState) => void): () => void;
  /** The user agreed to update: applied now, or deferred while isBusy() says so. */
  acceptUpdate(): void;
  /** The user insists: apply even in the middle of a wait or a booking. */
  applyUpdateNow(): void;
  /** Not now: hide the prompt until the next new version. */
  dismissUpdate(): void;
  /** Call at natural breaks (route changes, a wait ended): applies a deferred update if now safe. */
  checkDeferred(): void;
  /** Shows the browser's install prompt. */
  install(): Promise<void>;
  dismissIosHint(): void;
}
