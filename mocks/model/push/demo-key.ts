/**
 * A valid VAPID application server key (uncompressed P-256 point, base64url) for transports that
 * cannot send push (MSW in the demo, plain fetch): the browser accepts it for `subscribe`. Its
 * private half was thrown away; the socket server makes its own pair per run.
 */
export const DEMO_PUSH_PUBLIC_KEY =
  "BG-yXb8-iKDt7hHGoL6lcmMYVPqEfZiFGGZjsEt9wdplMC8iJMtFnTSoQr2nQNCQEMYjfWY2RY6Ey-oeOjySGYk";
