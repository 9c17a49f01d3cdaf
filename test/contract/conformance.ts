/**
 * Raw HTTP calls to a server under test, each answer checked against the
 * OpenAPI document: the status is documented for the operation, every
 * declared header is present when required and matches its schema, the
 * content type is a declared one, and the body validates. Records which
 * (operation, status, problem code) answers were seen, for coverage.
 */
import { expect } from "vitest";
import type { Contract, Json, Operation } from "./openapi.ts";
import { deref, operations, token } from "./openapi.ts";

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** Sent as "Authorization: Bearer <token>". */
  bearer?: string;
  /** Sent verbatim as Authorization (for malformed headers). */
  authorization?: string;
  /** POST only: omitted -> a fresh UUID; null -> no header; a string -> that. */
  key?: string | null;
  body?: unknown;
  /** Extra request headers (e.g. Prefer), lower-case names. */
  headers?: Record<string, string>;
  /** The status the test expects; checked after the contract checks. */
  expect?: number;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: bodies are checked by ajv against the schema, then read freely
  body: any;
}

export function createConformance(contract: Contract, origin: string) {
  const { doc, validatorAt } = contract;
  const ops = operations(doc);
  const seen = new Set<string>();

  const operationFor = (method: string, template: string): Operation => {
    const op = ops.find((o) => o.method === method.toLowerCase() && o.path === template);
    if (!op) throw new Error(`no operation ${method} ${template} in the document`);
    return op;
  };

  function check(op: Operation, answer: Answer): string[] {
    const problems: string[] = [];
    const status = String(answer.status);
    const raw = op.op.responses?.[status];
    if (raw === undefined) return [`status ${status} is not documented`];
    const { node: response, pointer } = deref(doc, raw, `${op.pointer}/responses/${status}`);
    if (answer.headers.get("date") === null) problems.push("no Date header");
    // v1.1 bound the schema cannot state: an HTTP-date Retry-After at most one hour after Date.
    const retryAfter = answer.headers.get("retry-after") ?? "";
    const retryAt = /^\d+$/.test(retryAfter) ? Number.NaN : Date.parse(retryAfter); // "3600" parses as a year
    const sentAt = Date.parse(answer.headers.get("date") ?? "");
    if (retryAt - sentAt > 3_600_000) problems.push("Retry-After more than an hour after Date");
    for (const [name, rawHeader] of Object.entries<Json>(response.headers ?? {})) {
      const header = deref(doc, rawHeader, `${pointer}/headers/${token(name)}`);
      const value = answer.headers.get(name);
      if (value === null) {
        if (header.node.required) problems.push(`missing required header ${name}`);
        continue;
      }
      const validate = validatorAt(`${header.pointer}/schema`);
      if (!validate(value))
        problems.push(`header ${name}: ${JSON.stringify(value)} ${ajvText(validate.errors)}`);
    }
    const content: Record<string, Json> = response.content ?? {};
    if (Object.keys(content).length === 0) {
      if (answer.text !== "") problems.push("a body where none is documented");
      return problems;
    }
    const media = (answer.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
    if (!(media in content))
      return [...problems, `content-type ${media || "(none)"} not in ${Object.keys(content)}`];
    if (answer.body === undefined) return [...problems, "body is not JSON"];
    const validate = validatorAt(`${pointer}/content/${token(media)}/schema`);
    if (!validate(answer.body)) problems.push(`body: ${ajvText(validate.errors)}`);
    return problems;
  }

  /** One request; fails the test on any contract violation. */
  async function call(method: string, template: string, opts: CallOptions = {}): Promise<Answer> {
    const op = operationFor(method, template);
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = opts.params?.[name];
      if (value === undefined) throw new Error(`no value for {${name}}`);
      return encodeURIComponent(value);
    });
    const query = opts.query ? `?${new URLSearchParams(opts.query)}` : "";
    const headers: Record<string, string> = { accept: "application/json", ...opts.headers };
    if (opts.bearer !== undefined) headers.authorization = `Bearer ${opts.bearer}`;
    if (opts.authorization !== undefined) headers.authorization = opts.authorization;
    if (method === "POST" && opts.key !== null) headers["idempotency-key"] = opts.key ?? crypto.randomUUID();
    if (opts.body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${origin}/api/v1${path}${query}`, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const text = await response.text();
    const answer: Answer = { status: response.status, headers: response.headers, text, body: parse(text) };
    const label = `${method} ${template} -> ${answer.status} ${answer.body?.code ?? ""}`;
    expect(check(op, answer), `${label}\n${text.slice(0, 500)}`).toEqual([]);
    seen.add(`${op.op.operationId} ${answer.status}`);
    if (typeof answer.body?.code === "string")
      seen.add(`${op.op.operationId} ${answer.status} ${answer.body.code}`);
    if (opts.expect !== undefined) expect(answer.status, `${label}\n${text.slice(0, 500)}`).toBe(opts.expect);
    return answer;
  }

  /** Every documented "operationId status" and "operationId status code" (codes from const/enum). */
  function documented(): string[] {
    const out: string[] = [];
    for (const o of ops) {
      for (const [status, raw] of Object.entries<Json>(o.op.responses)) {
        out.push(`${o.op.operationId} ${status}`);
        const { node } = deref(doc, raw, "");
        for (const codes of codesIn(node)) out.push(`${o.op.operationId} ${status} ${codes}`);
      }
    }
    return out;
  }

  return { call, seen, documented, operations: ops };
}

function codesIn(node: Json): string[] {
  if (node === null || typeof node !== "object") return [];
  const code = node.properties?.code;
  const own: string[] = code ? [...(code.const ? [code.const] : []), ...(code.enum ?? [])] : [];
  return [...new Set([...own, ...Object.values<Json>(node).flatMap(codesIn)])];
}

function parse(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function ajvText(errors: { instancePath: string; message?: string }[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ");
}
