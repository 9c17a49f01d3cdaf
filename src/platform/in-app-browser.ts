/**
 * Messenger and social apps open links in a browser of their own, whose storage is not the phone's
 * browser's: a place kept there stays there, and the app cannot be installed from it. This tells
 * them apart by the user agent and says how to get out: each app's own external-open link where it
 * has one, Android's intent: URL to the default browser, nothing on iPhone (copy the link instead).
 * Pure: it takes the user agent and the URL as strings.
 */

export type InAppApp = "kakaotalk" | "naver" | "line" | "instagram" | "facebook";
export type MobilePlatform = "android" | "ios" | "other";

export interface InAppBrowser {
  app: InAppApp;
  platform: MobilePlatform;
}

/** Checked in order: an app's marker, as each app appends it to the system WebView's user agent. */
const APPS: readonly [InAppApp, RegExp][] = [
  ["kakaotalk", /\bKAKAOTALK\b/i],
  ["naver", /\bNAVER\(inapp/],
  ["line", /\bLine\/\d/],
  ["instagram", /\bInstagram\b/],
  ["facebook", /\bFBAN\/|\bFBAV\/|\bFB_IAB\//],
];

export function platformOf(userAgent: string): MobilePlatform {
  if (/\bAndroid\b/i.test(userAgent)) return "android";
  if (/\b(iPhone|iPad|iPod)\b/.test(userAgent)) return "ios";
  return "other";
}

/** The in-app browser `userAgent` belongs to, or null for a browser of the user's own. */
export function detectInAppBrowser(userAgent: string): InAppBrowser | null {
  const found = APPS.find(([, marker]) => marker.test(userAgent));
  return found ? { app: found[0], platform: platformOf(userAgent) } : null;
}

/**
 * A link that opens `url` (fragment included) in the phone's own browser, or null when there is
 * none (iPhone, apart from KakaoTalk and LINE): the user copies the link instead.
 */
export function escapeUrl(browser: InAppBrowser, url: string): string | null {
  const target = new URL(url);
  if (target.protocol !== "https:" && target.protocol !== "http:") return null;
  if (browser.app === "kakaotalk")
    return `kakaotalk://web/openExternal?url=${encodeURIComponent(target.href)}`;
  if (browser.app === "line") {
    // LINE's documented switch: a link with openExternalBrowser=1 opens outside LINE.
    target.searchParams.set("openExternalBrowser", "1");
    return target.href;
  }
  if (browser.platform !== "android") return null;
  // Android parses the data URI up to the LAST "#", so our own fragment stays part of it.
  const scheme = target.protocol.slice(0, -1);
  return `intent://${target.host}${target.pathname}${target.search}${target.hash}#Intent;scheme=${scheme};end`;
}
