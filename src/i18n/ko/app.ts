/** App shell and home screen (owner: shell). */
export const app = {
  "app.name": "자리",
  "app.tagline": "줄을 잃지 않는 예약 도우미",
  "app.demoBadge": "데모",
  "app.skipToContent": "본문 바로가기",
  "app.language": "English",
} as const;
