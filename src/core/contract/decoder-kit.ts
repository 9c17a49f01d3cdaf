/**
 * A tiny set of runtime validators for JSON from the network. It ships in the
 * app bundle, so it stays a few hundred bytes; see ./decode.ts for their use.
 */

/**
 * A value did not match the contract. The message names the path and what was
 * expected, never the value itself (it may be personal data).
 */
export class DecodeError extends Error {
  readonly path: string;
  constructor(path: string, expected: string) {
    super(`${path || "(body)"}: expected ${expected}`);
    this.name = "DecodeError";
    this.path = path;
  }
}

/** Returns the typed value or throws DecodeError; `path` locates it in the body. */
export type Decoder<T> = (value: unknown, path?: string) => T;

/** An object decoder that also says which properties it knows, so tests can hold it to the schema. */
export interface ObjDecoder<T> extends Decoder<T> {
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

type Fields = Record<string, Decoder<unknown>>;
type Decoded<F extends Fields> = { [K in keyof F]: F[K] extends Decoder<infer T> ? T : never };

export function fail(path: string, expected: string): never {
  throw new DecodeError(path, expected);
}

const at = (path: string, key: string | number): string =>
  typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key;

function check<T>(expected: string, test: (value: unknown) => boolean): Decoder<T> {
  return (value, path = "") => (test(value) ? (value as T) : fail(path, expected));
}

export const str = check<string>("string", (v) => typeof v === "string");
export const num = check<number>("number", (v) => typeof v === "number" && Number.isFinite(v));
export const int = check<number>("integer", (v) => Number.isSafeInteger(v));
export const bool = check<boolean>("boolean", (v) => typeof v === "boolean");

/** A number that is finite and at least 0 (JSON's 1e400 parses to Infinity: refused). */
export const nonNegative = check<number>(
  "finite number >= 0",
  (v) => Number.isFinite(v) && (v as number) >= 0,
);

/** An integer from 0 to `max`: the contract's bounds on numbers (v1.1). */
export const upTo = (max: number): Decoder<number> =>
  check(`integer 0-${max}`, (v) => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= max);

/** Any non-negative safe integer. */
export const nat = upTo(Number.MAX_SAFE_INTEGER);

/** A string of at most 200 characters (code points, as JSON Schema's maxLength counts): an operator notice. */
export const short = check<string>("string <= 200", (v) => typeof v === "string" && [...v].length <= 200);

/** One of the given strings. */
export function oneOf<T extends string>(...values: T[]): Decoder<T> {
  return check<T>(values.join(" | "), (v) => values.includes(v as T));
}

export function nullable<T>(decode: Decoder<T>): Decoder<T | null> {
  return (value, path = "") => (value === null ? null : decode(value, path));
}

export function arr<T>(decode: Decoder<T>): Decoder<T[]> {
  return (value, path = "") =>
    Array.isArray(value) ? value.map((item, i) => decode(item, at(path, i))) : fail(path, "array");
}

/**
 * An object with the given required and optional properties. Unknown
 * properties (from a newer server) are dropped, so the result holds exactly
 * the typed fields.
 */
export function obj<R extends Fields, O extends Fields = Record<never, never>>(
  required: R,
  optional?: O,
): ObjDecoder<Decoded<R> & Partial<Decoded<O>>> {
  const decode = (value: unknown, path = "") => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return fail(path, "object");
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(required)) {
      out[key] = field(Object.hasOwn(source, key) ? source[key] : undefined, at(path, key));
    }
    for (const [key, field] of Object.entries(optional ?? {})) {
      if (Object.hasOwn(source, key)) out[key] = field(source[key], at(path, key));
    }
    return out as Decoded<R> & Partial<Decoded<O>>;
  };
  return Object.assign(decode, { required: Object.keys(required), optional: Object.keys(optional ?? {}) });
}

/** Adds a cross-field rule to an object decoder, keeping its property lists. */
export function refine<T>(decode: ObjDecoder<T>, rule: (value: T, path: string) => void): ObjDecoder<T> {
  const refined = (value: unknown, path = "") => {
    const out = decode(value, path);
    rule(out, path);
    return out;
  };
  return Object.assign(refined, { required: decode.required, optional: decode.optional });
}

export { at as pathTo };
