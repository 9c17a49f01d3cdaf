import type { MessageKey } from "../../i18n/core.ts";

/** The phases in which the wait is over and the user needs a way forward. */
export type EndedState = "expired" | "left" | "closed" | "error";

export const isEnded = (state: string): state is EndedState =>
  state === "expired" || state === "left" || state === "closed" || state === "error";

const titles: Record<EndedState, MessageKey> = {
  expired: "queue.expired.title",
  left: "queue.left.title",
  closed: "queue.closed.title",
  error: "queue.rejected.title",
};

const bodies: Record<EndedState, MessageKey> = {
  expired: "queue.expired.body",
  left: "queue.left.body",
  closed: "queue.closed.body",
  error: "queue.rejected.body",
};

export const endedTitleKey = (state: EndedState): MessageKey => titles[state];
export const endedBodyKey = (state: EndedState): MessageKey => bodies[state];

/** A closed event offers no new ticket; every other end does (only when the user asks). */
export const offersNewTicket = (state: EndedState): boolean => state !== "closed";
