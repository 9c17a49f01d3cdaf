/** Whether the browser will show our notifications ("unsupported": no Notification API, e.g. iOS outside an installed app). */
export type NotifyPermission = "default" | "granted" | "denied" | "unsupported";

/** The your-turn alert choices, as the screen shows them. */
export interface AlertSettings {
  /** The user chose "notify me" and the browser allows it. */
  notify: boolean;
  /** The user chose a short sound. */
  sound: boolean;
  permission: NotifyPermission;
  /** Your-turn Web Push: "on" when the server will push to this phone for the current ticket. */
  push: "unknown" | "unavailable" | "off" | "on";
  /** An iPhone in Safari, not installed: push needs the app on the Home Screen. */
  installForPush: boolean;
  /** The user chose to keep the screen on while waiting; null where the browser cannot. */
  keepAwake: boolean | null;
}

/**
 * What the queue screen may do about the your-turn alert. Implemented by
 * src/platform/alert.ts; the screen only reads settings and sends choices.
 */
export interface AlertControls {
  getSettings(): AlertSettings;
  subscribe(listener: (settings: AlertSettings) => void): () => void;
  /** Turning on asks for notification permission: call it only from the user's tap. */
  setNotify(on: boolean): Promise<void>;
  /** Turning on also unlocks audio, which browsers allow only inside a user gesture. */
  setSound(on: boolean): Promise<void>;
  /** Keep the screen on while waiting (only where supported). */
  setKeepAwake(on: boolean): Promise<void>;
}
