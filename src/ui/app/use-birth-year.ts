import { useCallback, useEffect, useState } from "preact/hooks";
import { recallBirthYear, rememberBirthYear } from "../../app/birth-year.ts";
import { useServices } from "./context.ts";

/** The birth year this device remembers; `loaded` once it has been read (so the form can prefill). */
export function useBirthYear(): { year: number | null; loaded: boolean; setYear: (year: number) => void } {
  const services = useServices();
  const [year, setYearState] = useState<number | null>(null);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let live = true;
    recallBirthYear(services).then((saved) => {
      if (!live) return;
      setYearState((typed) => typed ?? saved);
      setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [services]);

  const setYear = useCallback(
    (next: number) => {
      setYearState(next);
      void rememberBirthYear(services, next);
    },
    [services],
  );
  return { year, loaded, setYear };
}
