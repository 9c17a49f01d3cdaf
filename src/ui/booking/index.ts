/**
 * The booking screens, loaded lazily by the router:
 *   booking: () => import("../ui/booking/index.ts").then((m) => m.BookingRoute)
 */
export { BookingRoute } from "./BookingRoute.tsx";
export { BookingScreen, type BookingScreenProps } from "./BookingScreen.tsx";
export { bookingClientFor, startBooking } from "./booking-service.ts";
