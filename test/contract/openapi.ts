/**
 * Loads the repo's OpenAPI document and compiles its schemas with ajv, for the
 * contract tests. Formats get small checks of their own here (ajv-formats is
 * not installed), written apart from src/core/contract/formats.ts on purpose.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import { parse } from "yaml";

export const OPENAPI_PATH = fileURLToPath(new URL("../../contract/openapi.yaml", import.meta.url));
const DOC_ID = "openapi.json";

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is walked generically
export type Json = any;

export const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;

export function loadOpenApi(): Json {
  return parse(readFileSync(OPENAPI_PATH, "utf8"));
}

function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

const MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec";
export const formats: Record<string, (value: string) => boolean> = {
  date: isCalendarDate,
  "date-time": (v) => {
    const m =
      /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i.exec(v);
    return m !== null && isCalendarDate(m[1] as string) && !Number.isNaN(Date.parse(v));
  },
  uuid: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  // RFC 9110 IMF-fixdate, the form servers must send.
  "http-date": (v) =>
    new RegExp(`^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} (${MONTHS}) \\d{4} \\d{2}:\\d{2}:\\d{2} GMT$`).test(
      v,
    ) && !Number.isNaN(Date.parse(v)),
};

export interface Contract {
  doc: Json;
  ajv: Ajv2020;
  /** A validator for the schema at a JSON pointer inside the document ("#/components/..."). */
  validatorAt(pointer: string): ReturnType<Ajv2020["compile"]>;
}

export function loadContract(): Contract {
  const doc = loadOpenApi();
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  for (const [name, test] of Object.entries(formats)) ajv.addFormat(name, test);
  ajv.addSchema(doc, DOC_ID);
  const cache = new Map<string, ReturnType<Ajv2020["compile"]>>();
  return {
    doc,
    ajv,
    validatorAt(pointer) {
      let validate = cache.get(pointer);
      if (!validate) {
        validate = ajv.compile({ $ref: `${DOC_ID}${pointer}` });
        cache.set(pointer, validate);
      }
      return validate;
    },
  };
}

/** Escapes one JSON-pointer token. */
export const token = (key: string): string => key.replace(/~/g, "~0").replace(/\//g, "~1");

/** Follows a local "#/..." pointer. */
export function resolvePointer(doc: Json, ref: string): Json {
  if (!ref.startsWith("#/")) throw new Error(`not a local $ref: ${ref}`);
  return ref
    .slice(2)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((node: Json, key) => (node === undefined ? undefined : node[key]), doc);
}

/** A node with its $ref (if any) followed, and the pointer it ends at. */
export function deref(doc: Json, node: Json, pointer: string): { node: Json; pointer: string } {
  let at = { node, pointer };
  while (at.node && typeof at.node.$ref === "string")
    at = { node: resolvePointer(doc, at.node.$ref), pointer: at.node.$ref };
  return at;
}

export interface Operation {
  path: string;
  method: string;
  pointer: string;
  op: Json;
  /** Path-level and operation-level parameters, $refs followed. */
  parameters: Json[];
}

export function operations(doc: Json): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const pointer = `#/paths/${token(path)}/${method}`;
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(
        (p: Json) => deref(doc, p, "").node,
      );
      out.push({ path, method, pointer, op, parameters });
    }
  }
  return out;
}

/** Every "$ref" value anywhere in the document, with where it sits. */
export function allRefs(node: Json, at = "#"): { at: string; ref: string }[] {
  if (node === null || typeof node !== "object") return [];
  const here = typeof node.$ref === "string" ? [{ at, ref: node.$ref as string }] : [];
  return here.concat(
    Object.entries<Json>(node).flatMap(([key, child]) => allRefs(child, `${at}/${token(key)}`)),
  );
}
