/**
 * Taking a place to another browser or phone ("continue elsewhere") and leaving an in-app browser:
 * part of the "queue" section (./queue.ts), which those screens load. Keys start with "handoff.".
 */
export const handoff = {
  "handoff.button": "Continue elsewhere",
  "handoff.title": "Continue on another phone or browser",
  "handoff.explain":
    "Open this link or scan this QR code on the other device to see this same place. The link is the key to your place: do not send it to anyone else.",
  "handoff.link": "Link to continue your place",
  "handoff.qr": "QR code that opens your place on another device",
  "handoff.copy": "Copy link",
  "handoff.copied": "Link copied.",
  "handoff.copyFailed": "Could not copy. Press and hold the link to copy it.",
  "handoff.release": "My place shows on the other device",
  "handoff.release.question":
    "Let go of your place in this browser? From then on only the other device follows it.",
  "handoff.release.confirm": "Yes, let go here",
  "handoff.release.busy": "Letting go…",
  "handoff.release.cancel": "No, keep it here too",
  "handoff.close": "Close",
  "handoff.moved.title": "Continued on another device",
  "handoff.moved.body": "Your place has moved to the other device. This browser no longer checks it.",
  "handoff.receive.label": "Place brought over",
  "handoff.conflict.title": "This browser already holds another place",
  "handoff.conflict.body":
    "You can hold one place at a time, so the place you brought was not taken in. Use the place you have, or leave it and open the link again.",
  "handoff.conflict.show": "Show my place",
  "handoff.invalid": "This link cannot bring a place over. Make a new link on the first device.",
  "handoff.storeFailed": "This browser could not keep the place. Keep waiting on the first device.",
  "handoff.inapp.label": "About this in-app browser",
  "handoff.inapp.body":
    "You opened this inside {app}, and a place kept here stays here: open it in your own browser.",
  "handoff.inapp.open": "Open in my browser",
  "handoff.inapp.ios": "Copy the link, then open Safari and paste it into the address bar.",
  "handoff.inapp.after": "Once your place shows in your browser, you can close this one.",
  "handoff.app.kakaotalk": "KakaoTalk",
  "handoff.app.naver": "the Naver app",
  "handoff.app.line": "LINE",
  "handoff.app.instagram": "Instagram",
  "handoff.app.facebook": "Facebook",
} as const;
