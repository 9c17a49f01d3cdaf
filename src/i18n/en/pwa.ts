/**
 * Install and update prompts: loaded with their components once the page is idle
 * (src/ui/app/use-prompts.ts), so they weigh nothing on the first screen. Keys start with "app.".
 */
export const pwa = {
  "app.update.ready": "A new version is ready.",
  "app.update.apply": "Update",
  "app.update.later": "Later",
  "app.update.busy":
    "We will update when your wait or booking is done. Your place and what you entered are kept.",
  "app.update.applyAnyway": "Update now",
  "app.install.button": "Install on home screen",
  "app.install.iosHint": "To add Jari to your home screen, tap the Share button, then 'Add to Home Screen'.",
  "app.install.dismiss": "Close",
} as const;
