import type { ComponentType } from "preact";
import type { ScreenProps } from "../ui/app/screen-props.ts";
import type { RouteDef } from "./router.ts";

export type RouteId = "home" | "queue" | "booking" | "reservation" | "reservations";

export const routes: readonly RouteDef<RouteId>[] = [
  { id: "home", pattern: "/" },
  { id: "queue", pattern: "/queue/:eventId" },
  { id: "booking", pattern: "/booking" },
  { id: "reservation", pattern: "/reservation/:id" },
  { id: "reservations", pattern: "/reservations" },
];

type Loader = () => Promise<ComponentType<ScreenProps>>;

/**
 * Every screen but home is split off and loaded on first visit (the service
 * worker precaches the chunks, so they open offline too).
 */
export const screenLoaders: Record<Exclude<RouteId, "home">, Loader> = {
  queue: () => import("../ui/app/PendingScreen.tsx").then((m) => m.PendingScreen),
  booking: () => import("../ui/app/PendingScreen.tsx").then((m) => m.PendingScreen),
  reservation: () => import("../ui/app/PendingScreen.tsx").then((m) => m.PendingScreen),
  reservations: () => import("../ui/app/PendingScreen.tsx").then((m) => m.PendingScreen),
};

/** Routes during which an app update would interrupt the user (see src/pwa). */
export const busyRoutes: ReadonlySet<RouteId | "not-found"> = new Set(["queue", "booking"]);
