import { useEffect, useState } from "preact/hooks";
import type { QrPath } from "./qr.ts";

type Props = { text: string; label: string };

/** The QR code of `text`; the generator is loaded on demand, so it never weighs on the first screen. */
export function QrCode({ text, label }: Props) {
  const [qr, setQr] = useState<QrPath | null>(null);
  useEffect(() => {
    let live = true;
    import("./qr.ts").then(
      (m) => live && setQr(m.qrPath(text)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [text]);
  if (!qr) return null;
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      shape-rendering="crispEdges"
      data-testid="reservation-qr"
    >
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={qr.d} fill="#000" />
    </svg>
  );
}
