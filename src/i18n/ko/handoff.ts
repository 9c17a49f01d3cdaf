/**
 * Taking a place to another browser or phone ("continue elsewhere") and leaving an in-app browser:
 * part of the "queue" section (./queue.ts), which those screens load. Keys start with "handoff.".
 */
export const handoff = {
  "handoff.button": "다른 기기에서 이어하기",
  "handoff.title": "다른 휴대폰이나 브라우저에서 이어하기",
  "handoff.explain":
    "이 링크나 QR 코드를 다른 기기에서 열면 지금 자리가 그대로 보입니다. 링크는 내 자리의 열쇠이니 다른 사람에게 보내지 마세요.",
  "handoff.link": "자리 이어하기 링크",
  "handoff.qr": "다른 기기에서 자리를 여는 QR 코드",
  "handoff.copy": "링크 복사",
  "handoff.copied": "링크를 복사했습니다.",
  "handoff.copyFailed": "복사하지 못했습니다. 링크를 길게 눌러 복사해 주세요.",
  "handoff.release": "다른 기기에서 자리가 보여요",
  "handoff.release.question":
    "이 브라우저에서는 자리를 놓을까요? 이후에는 다른 기기에서만 순서를 확인합니다.",
  "handoff.release.confirm": "네, 여기서는 놓기",
  "handoff.release.busy": "놓는 중…",
  "handoff.release.cancel": "아니요, 여기서도 계속",
  "handoff.close": "닫기",
  "handoff.moved.title": "다른 기기에서 이어서 하고 있습니다",
  "handoff.moved.body": "자리는 다른 기기로 옮겨 갔습니다. 이 브라우저는 더 이상 순서를 확인하지 않습니다.",
  "handoff.receive.label": "가져온 자리",
  "handoff.conflict.title": "이 브라우저에는 이미 다른 자리가 있습니다",
  "handoff.conflict.body":
    "한 번에 한 자리만 가질 수 있어 가져온 자리를 받지 않았습니다. 지금 자리를 쓰거나, 그 자리에서 나간 뒤 링크를 다시 여세요.",
  "handoff.conflict.show": "지금 자리 보기",
  "handoff.invalid": "이 링크로는 자리를 가져올 수 없습니다. 처음 기기에서 새 링크를 만들어 주세요.",
  "handoff.storeFailed": "이 브라우저에 자리를 저장하지 못했습니다. 처음 기기에서 계속 기다려 주세요.",
  "handoff.inapp.label": "앱 안 브라우저 안내",
  "handoff.inapp.body":
    "{app} 안에서 연 화면이라 여기서 받은 자리는 여기에만 남으니, 평소 쓰는 브라우저에서 여세요.",
  "handoff.inapp.open": "내 브라우저에서 열기",
  "handoff.inapp.ios": "링크를 복사한 뒤 Safari를 열고 주소창에 붙여 넣으세요.",
  "handoff.inapp.after": "내 브라우저에서 자리가 보이면 이 창은 닫아도 됩니다.",
  "handoff.app.kakaotalk": "카카오톡",
  "handoff.app.naver": "네이버 앱",
  "handoff.app.line": "라인",
  "handoff.app.instagram": "인스타그램",
  "handoff.app.facebook": "페이스북",
} as const;
