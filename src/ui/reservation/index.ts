/**
 * The reservation screens, loaded lazily by the router:
 *   reservation: () => import("../ui/reservation/index.ts").then((m) => m.ReservationRoute)
 *   reservations: () => import("../ui/reservation/index.ts").then((m) => m.ReservationsRoute)
 */
export { ReservationScreen, type ReservationScreenProps } from "./ReservationScreen.tsx";
export { ReservationsList, type ReservationsListProps } from "./ReservationsList.tsx";
export { ReservationRoute, ReservationsRoute } from "./routes.tsx";
