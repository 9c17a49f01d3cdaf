/**
 * The demo panel's "inject a fault now" buttons, as bodies for the control
 * API (`POST /__mock/faults`, mocks/control.ts) — the same words a test or
 * the socket server uses. "offline" is not the server's doing: the page's own
 * request log drops everything for a while (see demo-recorder.ts).
 */
export type DemoFault = "drop" | "storm" | "offline" | "bounce" | "no-push" | "no-held-reads";

export const DEMO_FAULTS: readonly DemoFault[] = [
  "drop",
  "storm",
  "offline",
  "bounce",
  "no-push",
  "no-held-reads",
];

/** How long the 503 storm and the offline spell last. */
export const STORM_SECONDS = 30;
export const OFFLINE_SECONDS = 30;

/** The switches of a server that lacks a v1.1 feature. */
export const SWITCHES = { "no-push": "pushUnavailable", "no-held-reads": "ignoresPrefer" } as const;

/**
 * The control API body for a fault; `on` is the new state of a switch
 * ("no-push", "no-held-reads"). null for "offline" (not the server's).
 */
export function faultCommand(fault: DemoFault, on = true): Record<string, unknown> | null {
  switch (fault) {
    case "drop":
      return { once: [{ match: { pathRegex: "^/api/v1/" }, fault: { kind: "drop" } }] };
    case "storm":
      return { outageForSeconds: STORM_SECONDS };
    case "bounce":
      return { once: [{ match: {}, fault: { kind: "bounce" } }] };
    case "no-push":
    case "no-held-reads":
      return { configure: { [SWITCHES[fault]]: on } };
    case "offline":
      return null;
  }
}
