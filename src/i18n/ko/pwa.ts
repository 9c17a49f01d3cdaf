/**
 * Install and update prompts: loaded with their components once the page is idle
 * (src/ui/app/use-prompts.ts), so they weigh nothing on the first screen. Keys start with "app.".
 */
export const pwa = {
  "app.update.ready": "새 버전이 준비되었습니다.",
  "app.update.apply": "업데이트",
  "app.update.later": "나중에",
  "app.update.busy": "대기 또는 예약이 끝나면 업데이트합니다. 순번과 입력한 내용은 그대로 유지됩니다.",
  "app.update.applyAnyway": "지금 업데이트",
  "app.install.button": "홈 화면에 설치",
  "app.install.iosHint": "홈 화면에 추가하려면 공유 버튼을 누른 뒤 '홈 화면에 추가'를 고르세요.",
  "app.install.dismiss": "닫기",
} as const;
