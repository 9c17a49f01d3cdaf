/** Building wire responses: JSON bodies and RFC 9457 problems. */

export interface ModelResponse {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

export const JSON_TYPE = "application/json; charset=utf-8";
export const PROBLEM_TYPE = "application/problem+json";

export function json(status: number, value: unknown, headers: Record<string, string> = {}): ModelResponse {
  return {
    status,
    headers: { "content-type": JSON_TYPE, "cache-control": "no-store", ...headers },
    body: JSON.stringify(value),
  };
}

export function noContent(): ModelResponse {
  return { status: 204, headers: { "cache-control": "no-store" }, body: null };
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export interface ProblemExtras {
  detail?: string;
  errors?: { field: string; code: string }[];
  reservationId?: string;
  headers?: Record<string, string>;
}

export function problem(status: number, code: string, extras: ProblemExtras = {}): ModelResponse {
  const { headers = {}, ...rest } = extras;
  const body = {
    type: `https://jari.example/problems/${code.replaceAll("_", "-")}`,
    title: TITLES[status] ?? "Error",
    status,
    code,
    ...rest,
  };
  return {
    status,
    headers: { "content-type": PROBLEM_TYPE, "cache-control": "no-store", ...headers },
    body: JSON.stringify(body),
  };
}

export function validationFailed(errors: { field: string; code: string }[]): ModelResponse {
  return problem(422, "validation_failed", { detail: "The request is not valid.", errors });
}
