/**
 * Keeps a `beforeinstallprompt` that fires before the (lazily loaded) PWA
 * module is listening; returns a function that hands it over once and stops holding.
 */
export function holdInstallPrompt(): () => Event | null {
  let held: Event | null = null;
  const hold = (event: Event) => {
    event.preventDefault();
    held = event;
  };
  addEventListener("beforeinstallprompt", hold);
  return () => {
    removeEventListener("beforeinstallprompt", hold);
    const event = held;
    held = null;
    return event;
  };
}
