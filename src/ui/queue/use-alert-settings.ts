import { useEffect, useState } from "preact/hooks";
import type { AlertControls, AlertSettings } from "./alert-controls.ts";

/** The current your-turn alert settings, kept current (null without alert controls). */
export function useAlertSettings(alerts: AlertControls | null | undefined): AlertSettings | null {
  const [settings, setSettings] = useState(() => alerts?.getSettings() ?? null);
  useEffect(() => {
    if (!alerts) return;
    setSettings(alerts.getSettings());
    return alerts.subscribe(setSettings);
  }, [alerts]);
  return settings;
}
