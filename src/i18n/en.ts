import { app } from "./en/app.ts";
import { booking } from "./en/booking.ts";
import { demo } from "./en/demo.ts";
import { push } from "./en/push.ts";
import { pwa } from "./en/pwa.ts";
import { queue } from "./en/queue.ts";
import type { MessageKey } from "./ko.ts";

/** The English catalog: must have exactly the Korean catalog's keys (checked by the type). */
export const en: Record<MessageKey, string> = {
  ...app,
  ...pwa,
  ...queue,
  ...booking,
  ...demo,
  ...push,
};
