import type { booking as ko } from "../ko/booking.ts";

export const booking = {} satisfies Record<keyof typeof ko, string>;
