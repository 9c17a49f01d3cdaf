/**
 * Browser plumbing for the reservation screen: download a file through a Blob
 * URL, share through the Web Share API or fall back to the clipboard.
 */

import { realClock } from "../../app/real-clock.ts";
import { later } from "../../core/clock/timer.ts";

/** Offers `content` as a download named `fileName` (an .ics for calendars). */
export function downloadFile(fileName: string, content: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled; the download keeps its own reference.
  later(realClock, 10_000, () => URL.revokeObjectURL(url));
}

export type ShareResult = "shared" | "copied" | "failed";

/** Shares `text` with the system sheet when there is one, else copies it. */
export async function shareText(title: string, text: string): Promise<ShareResult> {
  if (typeof navigator.share === "function") {
    try {
      await navigator.share({ title, text });
      return "shared";
    } catch (error) {
      // The user closing the sheet is not a failure to report.
      if (error instanceof DOMException && error.name === "AbortError") return "shared";
    }
  }
  try {
    await navigator.clipboard.writeText(text);
    return "copied";
  } catch {
    return "failed";
  }
}
