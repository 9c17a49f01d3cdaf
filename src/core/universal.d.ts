/**
 * The few web-platform globals that exist identically in browsers, service
 * workers and Node 20, declared here because core compiles without the DOM
 * lib on purpose (so that `document`/`window` are type errors in core).
 * Time, randomness, fetch and storage are NOT here: they are injected.
 */
interface AbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
  throwIfAborted(): void;
}
declare var AbortSignal: {
  prototype: AbortSignal;
  any(signals: AbortSignal[]): AbortSignal;
};
interface AbortController {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
}
declare var AbortController: { prototype: AbortController; new (): AbortController };
declare class DOMException extends Error {
  constructor(message?: string, name?: string);
}
