/** Waiting room and your-turn alert (owner: the queue screen helper). Keys start with "queue.". */
import { handoff } from "./handoff.ts";

export const queue = {
  // Continue elsewhere is offered from the waiting room: its words travel with the waiting room's.
  ...handoff,
  "queue.title": "대기열",
  "queue.event": "행사: {name}",
  "queue.joining": "번호표를 받고 있습니다…",
  "queue.joining.kept": "연결이 끊겨도 같은 번호표로 다시 시도하므로 번호표가 두 번 생기지 않습니다.",
  "queue.checking": "이 휴대폰에 저장된 번호표를 확인하고 있습니다…",
  "queue.idle": "이 기기에는 이 줄의 번호표가 없습니다.",
  "queue.number.label": "내 번호",
  "queue.number.value": "{number}번",
  "queue.ahead.label": "내 앞 대기 인원",
  "queue.ahead.value": "{count}명",
  "queue.ahead.unknown": "확인 중",
  "queue.progress.label": "대기 진행률",
  "queue.progress.value": "{percent}% 진행",
  "queue.eta.label": "예상 대기 시간",
  "queue.eta.minutes": "약 {min}–{max}분",
  "queue.eta.hours": "약 {min}–{max}시간",
  "queue.eta.soon": "1분 이내",
  "queue.eta.unknown": "계산 중",
  "queue.updated.seconds": "{seconds}초 전 확인",
  "queue.updated.minutes": "{minutes}분 전 확인",
  "queue.updated.never": "아직 확인 전",
  "queue.connection.label": "연결 상태",
  "queue.connection.online": "연결됨",
  "queue.connection.offline": "오프라인 — 자리는 그대로 유지됩니다",
  "queue.connection.follower": "다른 창에서 순서를 확인하고 있습니다",
  "queue.reassure.push":
    "앱을 닫아도 됩니다. 차례가 되면 알림으로 알려 드리며, 그때부터 10분 안에 예약하시면 됩니다. 자리는 이 휴대폰에 저장되어 있습니다.",
  "queue.reassure.open":
    "이 화면을 열어 두시거나 차례 알림을 켜 주세요. 자리는 이 휴대폰에 저장되어 그대로 유지됩니다.",
  "queue.reassure.installForPush":
    "알림을 받으려면 자리를 홈 화면에 추가하세요(공유 버튼 → '홈 화면에 추가'). 그전까지는 이 화면을 열어 두세요. 자리는 이 휴대폰에 저장되어 있습니다.",
  "queue.reassure.memory":
    "이 브라우저는 번호표를 저장할 수 없어 새로고침하면 자리를 잃습니다. 이 화면을 닫지 마세요.",

  "queue.prequeue.title": "곧 시작합니다",
  "queue.prequeue.countdown": "시작까지 {time}",
  "queue.prequeue.opening": "시작되었습니다. 번호를 받고 있습니다…",
  "queue.prequeue.opensAt": "{time} 시작 (한국 시간)",
  "queue.prequeue.fair":
    "사전 대기 시간 안에는 언제 들어오셨든 기회가 똑같습니다. 서두르거나 새로고침하지 않으셔도 됩니다.",
  "queue.prequeue.next": "시작되면 번호가 정해지고 화면이 저절로 바뀝니다.",

  "queue.waiting.title": "순서를 기다리고 있습니다",

  "queue.admitted.title": "차례가 되었습니다!",
  "queue.admitted.countdown": "남은 시간 {time}",
  "queue.admitted.until": "{time}까지 예약을 시작해 주세요 (한국 시간).",
  "queue.startBooking": "예약 시작하기",

  "queue.leave": "줄에서 나가기",
  "queue.leave.question": "정말 줄에서 나가시겠습니까? 지금 자리는 다시 받을 수 없습니다.",
  "queue.leave.confirm": "네, 나가겠습니다",
  "queue.leave.cancel": "아니요, 계속 기다리겠습니다",
  "queue.leave.busy": "나가는 중…",
  "queue.leave.failed": "줄에서 나가지 못했습니다. 서버가 요청을 받지 않았습니다. 자리는 그대로입니다.",

  "queue.expired.title": "예약 시작 시간이 지났습니다",
  "queue.expired.body": "새 번호표를 받아 다시 줄을 설 수 있습니다. 새 번호표는 맨 뒤에서 시작합니다.",
  "queue.left.title": "줄에서 나오셨습니다",
  "queue.left.body": "다시 예약하시려면 새 번호표를 받아 주세요.",
  "queue.closed.title": "이번 예약 접수가 마감되었습니다",
  "queue.closed.body": "다음 예약 일정은 처음 화면에서 확인해 주세요.",
  "queue.rejected.title": "번호표를 확인할 수 없습니다",
  "queue.rejected.body": "서버가 이 번호표를 받아들이지 않습니다. 새 번호표를 받아 주세요.",
  "queue.error.title": "문제가 생겼습니다",
  "queue.error.body": "처음 화면에서 다시 시작해 주세요.",
  "queue.newTicket": "새 번호표 받기",
  "queue.home": "처음 화면으로",

  "queue.notice.retrying": "{time}에 다시 확인합니다. 자리는 그대로 유지됩니다.",
  "queue.notice.kept": "자리는 그대로 유지됩니다.",
  "queue.notice.offline": "인터넷 연결이 끊겼습니다. 연결되면 자동으로 다시 확인합니다.",
  "queue.notice.storage_unavailable":
    "이 브라우저에서는 번호표를 저장할 수 없습니다(개인정보 보호 모드 등). 새로고침하면 자리를 잃게 됩니다.",
  "queue.notice.invalid_response": "서버에서 알 수 없는 응답을 받았습니다.",
  "queue.notice.network": "서버에 연결하지 못했습니다.",
  "queue.notice.timeout": "서버 응답이 늦습니다.",
  "queue.notice.overloaded": "접속자가 많아 서버가 바쁩니다.",
  "queue.notice.rate_limited": "요청이 많아 잠시 기다립니다.",
  "queue.notice.error": "이 휴대전화의 앱에서 문제가 생겼습니다. 잠시 후 다시 확인합니다.",
  "queue.notice.unknown": "일시적인 문제가 생겼습니다.",

  "queue.alerts.title": "차례 알림",
  "queue.alerts.notify": "차례가 되면 알림 받기",
  "queue.alerts.sound": "알림음 켜기",
  "queue.alerts.keepAwake": "기다리는 동안 화면 켜 두기",
  "queue.alerts.pushOn": "앱을 닫아도 이 휴대폰으로 차례 알림이 옵니다.",
  "queue.alerts.denied":
    "알림이 차단되어 있습니다. 브라우저 설정에서 허용할 수 있습니다. 화면 제목과 진동으로도 알려 드립니다.",
  "queue.alerts.unsupported":
    "이 브라우저는 알림을 지원하지 않습니다. 홈 화면에 설치하면 알림을 받을 수 있습니다. 화면 제목과 진동으로도 알려 드립니다.",

  "queue.alert.title": "자리: 차례가 되었습니다!",
  "queue.alert.body": "{time}까지 예약을 시작해 주세요.",
  "queue.alert.documentTitle": "🔔 차례가 되었습니다! · 자리",

  "queue.announce.waiting": "내 앞에 {ahead}명 남았습니다.",
  "queue.announce.prequeue": "곧 시작합니다. 시작까지 {time} 남았습니다.",
  "queue.announce.admitted": "차례가 되었습니다. 예약 시작하기 버튼을 눌러 주세요.",
  "queue.announce.ended": "대기가 끝났습니다.",
} as const;
