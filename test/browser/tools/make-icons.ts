/**
 * Draws the app icons with Chromium (the Korean glyphs need fonts-noto-cjk) and
 * writes them to public/icons. Run after changing the design: npx tsx test/browser/tools/make-icons.ts
 */
import { launchBrowser } from "../harness.ts";

const BLUE = "#0b3d91";

/** `inset` is the share of the canvas the artwork may use (maskable icons keep to the 80% safe zone). */
function iconHtml(size: number, options: { rounded: boolean; inset: number }): string {
  const font = Math.round(size * 0.36 * options.inset);
  return `<!doctype html><html><body style="margin:0;background:transparent">
<div style="width:${size}px;height:${size}px;display:flex;align-items:center;justify-content:center;
  background:${BLUE};border-radius:${options.rounded ? size * 0.18 : 0}px;
  font-family:'Noto Sans CJK KR','Noto Sans KR',sans-serif;font-weight:700;color:#fff;font-size:${font}px;
  letter-spacing:-0.02em;flex-direction:column;line-height:1">
  <div>자리</div>
  <div style="width:${Math.round(size * 0.42 * options.inset)}px;height:${Math.max(2, Math.round(size * 0.03))}px;
    background:#ffd84d;margin-top:${Math.round(size * 0.06 * options.inset)}px;border-radius:99px"></div>
</div></body></html>`;
}

const icons = [
  { file: "public/icons/icon-192.png", size: 192, rounded: true, inset: 1 },
  { file: "public/icons/icon-512.png", size: 512, rounded: true, inset: 1 },
  { file: "public/icons/maskable-512.png", size: 512, rounded: false, inset: 0.8 },
  { file: "public/icons/apple-touch-icon.png", size: 180, rounded: false, inset: 0.9 },
];

const browser = await launchBrowser({ viewport: { width: 512, height: 512 } });
try {
  for (const icon of icons) {
    await browser.page.setViewportSize({ width: icon.size, height: icon.size });
    await browser.page.setContent(iconHtml(icon.size, icon));
    await browser.page.screenshot({ path: icon.file, omitBackground: true });
    console.log(`wrote ${icon.file}`);
  }
} finally {
  await browser.close();
}
