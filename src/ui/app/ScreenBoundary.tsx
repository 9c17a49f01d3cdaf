import { type ComponentChildren, Fragment } from "preact";
import { useErrorBoundary, useState } from "preact/hooks";
import { Button } from "../components/Button.tsx";
import { Notice } from "../components/Notice.tsx";
import { useApp } from "./context.ts";

/**
 * One per route: a screen that throws while rendering shows a notice with a
 * way forward (draw the screen again, or go to the start) instead of a blank
 * page. It touches no storage, so the ticket and the bookings stay as they were.
 */
export function ScreenBoundary({ children }: { children: ComponentChildren }) {
  const { t, navigate } = useApp();
  const [error, reset] = useErrorBoundary();
  // A new key draws the screen from scratch (its state may be what broke it).
  const [round, setRound] = useState(0);
  if (error)
    return (
      <div class="screen-error">
        <Notice
          code="screen_error"
          onRetry={() => {
            setRound((n) => n + 1);
            reset();
          }}
        />
        <Button
          variant="quiet"
          onClick={() => {
            reset();
            navigate("/");
          }}
        >
          {t("app.home.goHome")}
        </Button>
      </div>
    );
  return <Fragment key={round}>{children}</Fragment>;
}
