import qrcode from "qrcode-generator";

/** A QR code as one SVG path over a square of `size` modules (quiet zone included). */
export interface QrPath {
  size: number;
  d: string;
}

const QUIET_ZONE = 2;

/**
 * The QR code of a reservation code, as an SVG path (no innerHTML needed).
 * This module is imported lazily: the generator stays out of the first screen.
 */
export function qrPath(text: string): QrPath {
  const code = qrcode(0, "M");
  code.addData(text);
  code.make();
  const count = code.getModuleCount();
  let d = "";
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (code.isDark(row, col)) d += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
    }
  }
  return { size: count + QUIET_ZONE * 2, d };
}
