/** booking screens (owner: the booking helper). Keys start with "booking.". */
export const booking = {} as const;
