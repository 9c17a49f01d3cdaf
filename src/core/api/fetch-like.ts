/**
 * The slice of the Fetch API the client uses, declared here because core
 * compiles without the DOM lib. The real `fetch` (browser, Node 20, MSW) fits
 * these shapes, and so does a hand-written stub in tests or the fleet.
 */

export interface HeadersLike {
  get(name: string): string | null;
}

export interface ResponseLike {
  readonly status: number;
  readonly headers: HeadersLike;
  /** Rejects when the body is cut off mid-way. */
  text(): Promise<string>;
}

export interface RequestInitLike {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

export type FetchLike = (url: string, init: RequestInitLike) => Promise<ResponseLike>;
