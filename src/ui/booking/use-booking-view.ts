import { useEffect, useState } from "preact/hooks";
import type { BookingClient, BookingView } from "../../core/booking/types.ts";

/** The client's current view, re-rendered on every change. */
export function useBookingView(client: BookingClient): BookingView {
  const [view, setView] = useState(client.getView());
  useEffect(() => {
    setView(client.getView());
    return client.subscribe(setView);
  }, [client]);
  return view;
}
