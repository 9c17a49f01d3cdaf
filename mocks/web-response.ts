/** Turning model outcomes into web-platform Requests/Responses; shared by the MSW and fetch adapters. */
import type { MockRequest } from "./model/index.ts";

/** A web Request as the model's MockRequest (path + query, lower-case headers, text body). */
export async function toMockRequest(request: Request): Promise<MockRequest> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  const text = request.method === "GET" || request.method === "HEAD" ? "" : await request.text();
  return { method: request.method, url: url.pathname + url.search, headers, body: text === "" ? null : text };
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** An ordinary answer. */
export function completeResponse(
  status: number,
  headers: Record<string, string>,
  body: string | null,
): Response {
  return new Response(NULL_BODY_STATUSES.has(status) ? null : body, { status, headers });
}

/** Headers and the first part of the body, then the body stream errors like a reset connection. */
export function cutResponse(status: number, headers: Record<string, string>, partialBody: string): Response {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(partialBody));
    },
    pull(controller) {
      controller.error(new TypeError("network error: connection reset mid-body"));
    },
  });
  return new Response(stream, { status, headers });
}

/** Resolves after ms; rejects with the signal's reason if it aborts first. */
export function abortableDelay(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Never resolves; rejects with the signal's reason when it aborts (a server that never answers). */
export function hangUntilAborted(signal?: AbortSignal | null): Promise<never> {
  return new Promise((_, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}
