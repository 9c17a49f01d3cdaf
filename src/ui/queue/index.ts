// The waiting room, loaded lazily by the app shell's router.
export type { AlertControls, AlertSettings, NotifyPermission } from "./alert-controls.ts";
export { QueueRoute } from "./QueueRoute.tsx";
export { QueueScreen, type QueueScreenProps } from "./QueueScreen.tsx";
