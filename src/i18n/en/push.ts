/**
 * Your-turn Web Push, in English (same keys as Korean; shown by src/sw.ts, which imports this file
 * directly). Times are Korean time, 24 h ("20:41").
 */
export const push = {
  "push.admitted.title": "It's your turn — book by {time}",
  "push.admitted.body": "You have until {time} (Korean time) to start booking. Tap to open Jari.",
  "push.nearFront.title": "Almost your turn — about {ahead} {count#one:person|other:people} ahead",
  "push.nearFront.body":
    "We will notify you again when it's your turn; you will then have 10 minutes to book.",
} as const;
