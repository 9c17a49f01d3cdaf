import type { app as ko } from "../ko/app.ts";

export const app = {
  "app.name": "Jari",
  "app.tagline": "Keeps your place in line",
  "app.demoBadge": "Demo",
  "app.skipToContent": "Skip to content",
  "app.language": "한국어",
} satisfies Record<keyof typeof ko, string>;
