import type { QueueView } from "../../core/queue/types.ts";
import type { MessageKey } from "../../i18n/core.ts";
import type { AlertSettings } from "./alert-controls.ts";

/**
 * The line under the place that says what the user may do with the phone: only what the app can
 * keep. Closing the app is offered only when the server will push the turn to this phone; an
 * admitted user is told nothing of the kind (the countdown and "book now" say it all).
 */
export function reassureKey(view: QueueView, alerts: AlertSettings | null): MessageKey | null {
  if (view.phase === "admitted") return null;
  if (!view.durable) return "queue.reassure.memory";
  if (alerts?.push === "on") return "queue.reassure.push";
  if (alerts?.installForPush) return "queue.reassure.installForPush";
  return "queue.reassure.open";
}
