import { describe, expect, it } from "vitest";
import {
  detectInAppBrowser,
  escapeUrl,
  type InAppBrowser,
  platformOf,
} from "../../src/platform/in-app-browser.ts";
import { mayBeInApp } from "../../src/platform/in-app-hint.ts";

// Real user agents as these apps sent them (2023–2024), and the phones' own browsers beside them.
const UA = {
  kakaoAndroid:
    "Mozilla/5.0 (Linux; Android 13; SM-S918N Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36;KAKAOTALK 2410420",
  kakaoIos:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 KAKAOTALK 10.4.5",
  naverAndroid:
    "Mozilla/5.0 (Linux; Android 12; SM-G991N Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/118.0.5993.111 Mobile Safari/537.36 NAVER(inapp; search; 2000; 12.1.5)",
  naverIos:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 NAVER(inapp; search; 2000; 12.2.6; 14PRO)",
  lineAndroid:
    "Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230805.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.5845.163 Mobile Safari/537.36 Line/13.14.1/IAB",
  lineIos:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari Line/13.10.0",
  instagramAndroid:
    "Mozilla/5.0 (Linux; Android 13; SM-A536N Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/117.0.5938.153 Mobile Safari/537.36 Instagram 305.0.0.34.110 Android (33/13; 450dpi; 1080x2177; samsung; SM-A536N; a53x; s5e8825; ko_KR; 531128958)",
  instagramIos:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 302.0.0.23.114 (iPhone14,5; iOS 17_0; ko_KR; ko; scale=3.00; 1170x2532; 519921284)",
  facebookAndroid:
    "Mozilla/5.0 (Linux; Android 12; SM-G998N Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/112.0.5615.136 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/413.0.0.30.104;]",
  facebookIos:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 16_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBDV/iPhone14,2;FBMD/iPhone;FBSN/iOS;FBSV/16.4;FBSS/3;FBID/phone;FBLC/ko_KR;FBOP/5]",
  chromeAndroid:
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
  samsungInternet:
    "Mozilla/5.0 (Linux; Android 13; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
  whaleAndroid:
    "Mozilla/5.0 (Linux; Android 13; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.5993.117 Whale/1.0.0.0 Crosswalk/28.118.5993.14 Mobile Safari/537.36 NAVER(higgs; search; 1000; 12.2.4)",
  safariIos:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
  desktopChrome:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
};

/** The detection, which these cases expect to find something. */
function detected(ua: string): InAppBrowser {
  const found = detectInAppBrowser(ua);
  if (!found) throw new Error(`not recognised: ${ua}`);
  return found;
}

/** The escape link, which these cases expect to exist. */
function escapeLink(ua: string, url: string): string {
  const link = escapeUrl(detected(ua), url);
  if (link === null) throw new Error(`no escape link for ${ua}`);
  return link;
}

const PLACE = "https://jari.example/queue/c55-59?lang=en#handoff=v1.eyJldmVudElkIjoiYzU1LTU5In0";

describe("detectInAppBrowser", () => {
  it.each([
    ["kakaoAndroid", "kakaotalk", "android"],
    ["kakaoIos", "kakaotalk", "ios"],
    ["naverAndroid", "naver", "android"],
    ["naverIos", "naver", "ios"],
    ["lineAndroid", "line", "android"],
    ["lineIos", "line", "ios"],
    ["instagramAndroid", "instagram", "android"],
    ["instagramIos", "instagram", "ios"],
    ["facebookAndroid", "facebook", "android"],
    ["facebookIos", "facebook", "ios"],
  ] as const)("recognises %s", (name, app, platform) => {
    expect(detectInAppBrowser(UA[name])).toEqual({ app, platform });
  });

  it.each(["chromeAndroid", "samsungInternet", "whaleAndroid", "safariIos", "desktopChrome"] as const)(
    "leaves the phone's own browser alone: %s",
    (name) => {
      expect(detectInAppBrowser(UA[name])).toBeNull();
    },
  );

  it("the entry chunk's first look lets every in-app browser through, and the phone's own browsers not", () => {
    for (const [name, ua] of Object.entries(UA))
      expect([name, mayBeInApp(ua)]).toEqual([name, detectInAppBrowser(ua) !== null]);
  });

  it("does not take Linux for LINE, nor an empty user agent for anything", () => {
    expect(detectInAppBrowser("Mozilla/5.0 (X11; Linux x86_64) Linuxline/1")).toBeNull();
    expect(detectInAppBrowser("")).toBeNull();
    expect(platformOf("")).toBe("other");
  });
});

describe("escapeUrl", () => {
  it("sends KakaoTalk to its own external-open link, on Android and iPhone alike, the fragment encoded in", () => {
    for (const ua of [UA.kakaoAndroid, UA.kakaoIos]) {
      const link = escapeLink(ua, PLACE);
      expect(link).toBe(`kakaotalk://web/openExternal?url=${encodeURIComponent(PLACE)}`);
      expect(new URL(link).searchParams.get("url")).toBe(PLACE);
    }
  });

  it("gives Android an intent: URL to the default browser that keeps path, query and fragment", () => {
    for (const ua of [UA.naverAndroid, UA.instagramAndroid, UA.facebookAndroid]) {
      expect(escapeLink(ua, PLACE)).toBe(
        "intent://jari.example/queue/c55-59?lang=en#handoff=v1.eyJldmVudElkIjoiYzU1LTU5In0#Intent;scheme=https;end",
      );
    }
    // Android reads the data URI up to the LAST "#": what it opens is exactly the place's URL.
    const intent = escapeLink(UA.naverAndroid, "http://127.0.0.1:4173/#handoff=v1.abc");
    const cut = intent.lastIndexOf("#");
    expect(intent.slice(cut)).toBe("#Intent;scheme=http;end");
    expect(`http:${intent.slice("intent:".length, cut)}`).toBe("http://127.0.0.1:4173/#handoff=v1.abc");
  });

  it("asks LINE to open outside itself, keeping the fragment", () => {
    const link = new URL(escapeLink(UA.lineIos, PLACE));
    expect(link.searchParams.get("openExternalBrowser")).toBe("1");
    expect(link.searchParams.get("lang")).toBe("en");
    expect(link.hash).toBe("#handoff=v1.eyJldmVudElkIjoiYzU1LTU5In0");
  });

  it("has no link on iPhone for Naver, Instagram and Facebook (copy the link instead)", () => {
    for (const ua of [UA.naverIos, UA.instagramIos, UA.facebookIos])
      expect(escapeUrl(detected(ua), PLACE)).toBeNull();
  });

  it("refuses anything but http(s)", () => {
    expect(escapeUrl({ app: "kakaotalk", platform: "android" }, "javascript:alert(1)")).toBeNull();
  });
});
