import type { ComponentType } from "preact";
import type { Lang } from "../i18n/core.ts";
import { loadTranslator, type Section } from "../i18n/runtime.ts";
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

type Screen = ComponentType<ScreenProps>;

/** Loads a screen's code and its catalog section together, so it never renders a bare key. */
const withSection =
  (section: Section, load: () => Promise<Screen>) =>
  (lang: Lang): Promise<Screen> =>
    Promise.all([load(), loadTranslator(lang, [section])]).then(([screen]) => screen);

type Loader = (lang: Lang) => Promise<Screen>;

/**
 * Every screen but home is split off and loaded on first visit (the service
 * worker precaches the chunks, so they open offline too).
 */
export const screenLoaders: Record<Exclude<RouteId, "home">, Loader> = {
  queue: withSection("queue", () => import("../ui/queue/index.ts").then((m) => m.QueueRoute)),
  booking: withSection("booking", () => import("../ui/booking/index.ts").then((m) => m.BookingRoute)),
  reservation: withSection("booking", () =>
    import("../ui/reservation/index.ts").then((m) => m.ReservationRoute),
  ),
  reservations: withSection("booking", () =>
    import("../ui/reservation/index.ts").then((m) => m.ReservationsRoute),
  ),
};

/** An unknown path: rare, so its screen is split off too (its words are in the "app" section). */
export const loadNotFound: Loader = () =>
  import("../ui/app/NotFoundScreen.tsx").then((m) => m.NotFoundScreen);

/** Routes during which an app update would interrupt the user (see src/pwa). */
export const busyRoutes: ReadonlySet<RouteId | "not-found"> = new Set(["queue", "booking"]);
