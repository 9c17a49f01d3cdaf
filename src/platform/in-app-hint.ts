/**
 * A cheap first look at the user agent, for the entry chunk: true for every in-app browser that
 * ./in-app-browser.ts recognises (a test keeps the two in step), so the way-out code loads only there.
 */
export const mayBeInApp = (userAgent: string): boolean =>
  /KAKAOTALK|NAVER\(inapp|Line\/|Instagram|FB(A[NV]|_IAB)\//i.test(userAgent);
