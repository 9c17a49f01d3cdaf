import { useEffect, useRef, useState } from "preact/hooks";
import { type LastSpoken, type Spoken, shouldAnnounce } from "./announce.ts";

/**
 * Visually hidden live regions for the waiting room. They stay mounted while
 * the text changes, so screen readers notice the change.
 */
export function Announcer({ spoken }: { spoken: Spoken }) {
  const last = useRef<LastSpoken | null>(null);
  const [polite, setPolite] = useState("");
  const [assertive, setAssertive] = useState("");

  // Runs after every render (the screen re-renders each second), so a held-back change is said once the interval has passed.
  useEffect(() => {
    const now = Date.now();
    if (shouldAnnounce(last.current, spoken, now)) {
      if (spoken.urgent) setAssertive(spoken.text);
      else setPolite(spoken.text);
      last.current = { ...spoken, at: now };
    } else if (!last.current) {
      last.current = { ...spoken, at: now };
    }
  });

  return (
    <>
      <div class="q-sr-only" aria-live="polite" aria-atomic="true" data-testid="queue-live">
        {polite}
      </div>
      <div class="q-sr-only" aria-live="assertive" aria-atomic="true" data-testid="queue-live-urgent">
        {assertive}
      </div>
    </>
  );
}
