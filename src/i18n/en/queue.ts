import type { queue as ko } from "../ko/queue.ts";
import { handoff } from "./handoff.ts";

/** Waiting room and your-turn alert, in English (same keys as Korean). */
export const queue = {
  ...handoff,
  "queue.title": "Waiting line",
  "queue.event": "Event: {name}",
  "queue.joining": "Getting your ticket…",
  "queue.joining.kept":
    "If the connection drops, we retry with the same ticket request, so you never get two tickets.",
  "queue.checking": "Looking for your ticket on this phone…",
  "queue.idle": "This phone holds no ticket for this line.",
  "queue.number.label": "Your number",
  "queue.number.value": "No. {number}",
  "queue.ahead.label": "People ahead of you",
  "queue.ahead.value": "{count}",
  "queue.ahead.unknown": "Checking",
  "queue.progress.label": "Progress in line",
  "queue.progress.value": "{percent}% of the way",
  "queue.eta.label": "Estimated wait",
  "queue.eta.minutes": "about {min}–{max} min",
  "queue.eta.hours": "about {min}–{max} h",
  "queue.eta.soon": "under a minute",
  "queue.eta.unknown": "Estimating",
  "queue.updated.seconds": "updated {seconds} s ago",
  "queue.updated.minutes": "updated {minutes} min ago",
  "queue.updated.never": "not updated yet",
  "queue.connection.label": "Connection",
  "queue.connection.online": "Connected",
  "queue.connection.offline": "Offline — your place is kept",
  "queue.connection.follower": "Another window of the app is checking for you",
  "queue.reassure.push":
    "You can close the app; we will notify you when it's your turn, and you will then have 10 minutes. Your place is saved on this phone.",
  "queue.reassure.open":
    "Keep this screen open, or turn on notifications. Your place is saved on this phone and kept.",
  "queue.reassure.installForPush":
    "Add Jari to your Home Screen to be notified (Share button, then 'Add to Home Screen'). Until then, keep this screen open. Your place is saved on this phone.",
  "queue.reassure.memory":
    "This browser cannot save your ticket: a reload will lose your place. Keep this screen open.",

  "queue.prequeue.title": "Opening soon",
  "queue.prequeue.countdown": "Opens in {time}",
  "queue.prequeue.opening": "Opening now — getting your number…",
  "queue.prequeue.opensAt": "Opens at {time} (Korea time)",
  "queue.prequeue.fair":
    "Arriving any time during the pre-queue window gives the same chance. There is no need to hurry or reload.",
  "queue.prequeue.next": "At opening you get your number and this screen moves on by itself.",

  "queue.waiting.title": "Waiting for your turn",

  "queue.admitted.title": "It's your turn!",
  "queue.admitted.countdown": "Time left {time}",
  "queue.admitted.until": "Please start booking before {time} (Korea time).",
  "queue.startBooking": "Start booking",

  "queue.leave": "Leave the line",
  "queue.leave.question": "Leave the line? You cannot get this place back.",
  "queue.leave.confirm": "Yes, leave",
  "queue.leave.cancel": "No, keep waiting",
  "queue.leave.busy": "Leaving…",
  "queue.leave.failed": "Could not leave the line: the server did not accept it. You still have your place.",

  "queue.expired.title": "Your booking time has passed",
  "queue.expired.body": "You can take a new ticket and line up again. A new ticket starts at the back.",
  "queue.left.title": "You left the line",
  "queue.left.body": "To book, take a new ticket.",
  "queue.closed.title": "This booking round has closed",
  "queue.closed.body": "See the next booking dates on the start screen.",
  "queue.rejected.title": "Your ticket could not be verified",
  "queue.rejected.body": "The server no longer accepts this ticket. Please take a new one.",
  "queue.error.title": "Something went wrong",
  "queue.error.body": "Please start again from the start screen.",
  "queue.newTicket": "Take a new ticket",
  "queue.home": "Back to start",

  "queue.notice.retrying": "Retrying at {time}. Your place is kept.",
  "queue.notice.kept": "Your place is kept.",
  "queue.notice.offline": "You are offline. We will check again as soon as you are back online.",
  "queue.notice.storage_unavailable":
    "This browser cannot save your ticket (private mode?). A reload will lose your place.",
  "queue.notice.invalid_response": "The server sent a reply we could not understand.",
  "queue.notice.network": "Could not reach the server.",
  "queue.notice.timeout": "The server is slow to answer.",
  "queue.notice.overloaded": "The server is busy with many people.",
  "queue.notice.rate_limited": "Many requests; waiting a moment.",
  "queue.notice.error": "Something went wrong in the app on this phone; we will check again shortly.",
  "queue.notice.unknown": "A temporary problem occurred.",

  "queue.alerts.title": "Your-turn alert",
  "queue.alerts.notify": "Notify me when it's my turn",
  "queue.alerts.sound": "Play a sound",
  "queue.alerts.keepAwake": "Keep the screen on while I wait",
  "queue.alerts.pushOn": "Your turn will reach this phone even with the app closed.",
  "queue.alerts.denied":
    "Notifications are blocked; you can allow them in the browser settings. The tab title and vibration will still tell you.",
  "queue.alerts.unsupported":
    "This browser cannot show notifications; installing the app to the home screen can. The tab title and vibration will still tell you.",

  "queue.alert.title": "Jari: it's your turn!",
  "queue.alert.body": "Please start booking before {time}.",
  "queue.alert.documentTitle": "🔔 Your turn! · Jari",

  "queue.announce.waiting": "{ahead} {count#one:person|other:people} ahead of you.",
  "queue.announce.prequeue": "Opening soon: {time} to go.",
  "queue.announce.admitted": "It's your turn. Press Start booking.",
  "queue.announce.ended": "Your wait has ended.",
} satisfies Record<keyof typeof ko, string>;
