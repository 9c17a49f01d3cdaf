import { useEffect, useState } from "preact/hooks";
import type { PwaController, PwaState } from "./types.ts";

const idle: PwaState = { update: "none", canInstall: false, iosHint: false };

/** The controller's state, re-rendered on every change (idle when there is no service worker). */
export function usePwa(controller: PwaController | null): PwaState {
  const [state, setState] = useState<PwaState>(() => controller?.getState() ?? idle);
  useEffect(() => {
    if (!controller) return;
    setState(controller.getState());
    return controller.subscribe(setState);
  }, [controller]);
  return state;
}
