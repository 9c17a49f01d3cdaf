import { app } from "./ko/app.ts";
import { booking } from "./ko/booking.ts";
import { demo } from "./ko/demo.ts";
import { push } from "./ko/push.ts";
import { pwa } from "./ko/pwa.ts";
import { queue } from "./ko/queue.ts";

/** The Korean catalog: the source of every message key. One section file per screen area. */
export const ko = { ...app, ...pwa, ...queue, ...booking, ...demo, ...push };

export type MessageKey = keyof typeof ko;
