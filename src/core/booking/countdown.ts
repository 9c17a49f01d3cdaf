/** Warn when this much of the admission window is left. */
export const ADMISSION_WARNING_MS = 2 * 60_000;

export interface AdmissionCountdown {
  /** Whole seconds left, never negative. */
  secondsLeft: number;
  /** true from 2 minutes left until the end. */
  warning: boolean;
  expired: boolean;
}

/** Time left on an admission, in SERVER time (never the device clock). */
export function admissionCountdown(expiresAt: number, serverNow: number): AdmissionCountdown {
  const leftMs = expiresAt - serverNow;
  return {
    secondsLeft: Math.max(0, Math.ceil(leftMs / 1000)),
    warning: leftMs <= ADMISSION_WARNING_MS && leftMs > 0,
    expired: leftMs <= 0,
  };
}

/** "9:05" for 545 seconds: minutes and zero-padded seconds. */
export function formatCountdown(secondsLeft: number): string {
  const minutes = Math.floor(secondsLeft / 60);
  const seconds = secondsLeft % 60;
  return `${minutes}:${String(seconds).padStart(2, "0")}`;
}
