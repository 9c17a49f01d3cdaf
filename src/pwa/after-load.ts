import { realClock } from "../app/real-clock.ts";
import { later } from "../core/clock/timer.ts";

/** Runs `task` once the page has loaded and the main thread is idle (or 3 s later at most). */
export function afterLoad(task: () => void): void {
  const run = () => {
    const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => void })
      .requestIdleCallback;
    if (idle) idle(task, { timeout: 3000 });
    else later(realClock, 1000, task);
  };
  if (document.readyState === "complete") run();
  else addEventListener("load", run, { once: true });
}
