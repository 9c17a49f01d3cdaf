import { encodeHandoff } from "../../core/handoff/fragment.ts";
import { payloadOf } from "../../core/handoff/transfer.ts";
import type { Store } from "../../core/store/types.ts";

/**
 * The link that carries this device's live place to another browser: `base` with the place in the
 * fragment only (never the path or the query, so no server ever receives it). Without a live
 * ticket (or `ticketId` given and not the stored one) it is `base` alone.
 */
export async function placeLink(store: Store, base: string, ticketId?: string | null): Promise<string> {
  const record = await store.getActiveTicket();
  const payload = payloadOf(record);
  if (!payload || (ticketId !== undefined && payload.ticketId !== ticketId)) return base;
  return `${base}#${encodeHandoff(payload)}`;
}

/** Copies `text`; false when the browser would not (no permission, an old WebView). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
