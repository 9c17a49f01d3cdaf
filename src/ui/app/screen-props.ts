/** Props every routed screen receives; data access comes from useServices(). */
export interface ScreenProps {
  /** Path parameters, e.g. { eventId } for /queue/:eventId. */
  params: Record<string, string>;
  query: URLSearchParams;
}
