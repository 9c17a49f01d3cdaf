/**
 * Your-turn Web Push, as the service worker shows it (src/sw.ts imports this file directly; the
 * page does not need it). Keys start with "push.". Times are Korean time, 24 h ("20:41").
 */
export const push = {
  "push.admitted.title": "차례가 되었습니다 — {time}까지 예약하세요",
  "push.admitted.body": "{time}(한국 시간)까지 예약을 시작할 수 있습니다. 눌러서 자리를 여세요.",
  "push.nearFront.title": "곧 차례입니다 — 앞에 약 {ahead}명",
  "push.nearFront.body": "차례가 되면 다시 알려 드립니다. 그때부터 10분 안에 예약하면 됩니다.",
} as const;
