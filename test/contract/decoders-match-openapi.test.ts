/**
 * Holds the hand-written decoders (and the TypeScript types they produce) to
 * the OpenAPI schemas: same property names, same required lists, and the same
 * verdict as ajv on valid examples and on thousands of mutations of them.
 */
import { describe, expect, it } from "vitest";
import { DecodeError, decoders } from "../../src/core/contract/decode.ts";
import type * as T from "../../src/core/contract/types.ts";
import { examples } from "./examples.ts";
import type { Json } from "./openapi.ts";
import { loadContract } from "./openapi.ts";

const { doc, validatorAt } = loadContract();
const schemas: Record<string, Json> = doc.components.schemas;
type Name = keyof typeof decoders;
const names = Object.keys(decoders) as Name[];

const ajvAccepts = (name: string, value: unknown) =>
  validatorAt(`#/components/schemas/${name}`)(value) === true;
function decoderAccepts(name: Name, value: unknown): boolean {
  try {
    decoders[name](value);
    return true;
  } catch (error) {
    if (error instanceof DecodeError) return false;
    throw error;
  }
}

// Values of every JSON type, plus near-misses for integers, formats and enums.
const WRONG: unknown[] = [
  null,
  0,
  -1,
  1.5,
  "",
  "bogus",
  true,
  {},
  [],
  "2021-02-30",
  "2021-07-19",
  "2021-07-19T25:00:00Z",
  "2021-07-19T20:00:00",
  "24:00",
  // v1.1 bounds: just past the largest bound, and what JSON's 1e400 parses to.
  100_000_001,
  Number.POSITIVE_INFINITY,
];

/** JSON.stringify, except that it shows Infinity as itself rather than as null. */
const show = (v: unknown): string =>
  typeof v === "number" && !Number.isFinite(v) ? String(v) : JSON.stringify(v);

/** [label, mutated value] for every way of breaking (or harmlessly changing) one spot of `value`. */
function* mutations(value: unknown, path = ""): Generator<[string, unknown]> {
  if (Array.isArray(value)) {
    if (value.length === 0) return;
    for (const wrong of WRONG) yield [`${path}[0]=${show(wrong)}`, [wrong, ...value.slice(1)]];
    for (const [label, inner] of mutations(value[0], `${path}[0]`)) yield [label, [inner, ...value.slice(1)]];
    return;
  }
  if (typeof value !== "object" || value === null) return;
  const record = value as Record<string, unknown>;
  yield [`${path}+unknown`, { ...record, addedByNewerServer: { any: 1 } }];
  for (const key of Object.keys(record)) {
    const at = path ? `${path}.${key}` : key;
    const { [key]: _dropped, ...rest } = record;
    yield [`-${at}`, rest];
    for (const wrong of WRONG) yield [`${at}=${show(wrong)}`, { ...record, [key]: wrong }];
    for (const [label, inner] of mutations(record[key], at)) yield [label, { ...record, [key]: inner }];
  }
  yield [`${path}=[]`, []];
  yield [`${path}=null`, null];
}

describe("decoders match contract/openapi.yaml", () => {
  it("has a decoder for every response-side object schema, and a schema for every decoder", () => {
    const requestOnly = ["IdentityRequest", "ReservationRequest", "PushSubscribeRequest", "PushSubscription"];
    const objectSchemas = Object.keys(schemas).filter(
      (n) => schemas[n].type === "object" && !requestOnly.includes(n),
    );
    expect([...names].sort()).toEqual(objectSchemas.sort());
  });

  it.each(names)("%s: decoder property lists equal the schema's properties and required", (name) => {
    const schema = schemas[name];
    const decoder = decoders[name];
    expect([...decoder.required].sort()).toEqual([...schema.required].sort());
    expect([...decoder.required, ...decoder.optional].sort()).toEqual(Object.keys(schema.properties).sort());
  });

  it.each(names)("%s: valid examples pass ajv and decode to themselves", (name) => {
    const valid: unknown[] = examples[name];
    expect(valid.length).toBeGreaterThan(0);
    for (const example of valid) {
      expect(
        ajvAccepts(name, example),
        JSON.stringify(validatorAt(`#/components/schemas/${name}`).errors),
      ).toBe(true);
      expect(decoders[name](example)).toEqual(example);
    }
  });

  it.each(names)("%s: decoder and ajv agree on every mutation of the examples", (name) => {
    const disagreements: string[] = [];
    let rejected = 0;
    let checked = 0;
    for (const example of examples[name] as unknown[]) {
      for (const [label, mutated] of mutations(example)) {
        const ajv = ajvAccepts(name, mutated);
        checked++;
        if (!ajv) rejected++;
        if (decoderAccepts(name, mutated) !== ajv)
          disagreements.push(`${label}: ajv ${ajv ? "accepts" : "rejects"}`);
      }
    }
    expect(disagreements).toEqual([]);
    expect(checked).toBeGreaterThan(10);
    // The mutations must mostly break things, or agreeing proves little.
    expect(rejected / checked).toBeGreaterThan(0.5);
  });

  it("QueueStatus: admitted requires an admission, in both", () => {
    const [waiting, , admitted] = examples.QueueStatus as T.QueueStatus[];
    const { admission: _a, ...admittedWithout } = admitted as T.QueueStatus;
    for (const [value, ok] of [
      [admittedWithout, false],
      [{ ...waiting, admission: admitted?.admission }, true],
    ] as const) {
      expect(ajvAccepts("QueueStatus", value)).toBe(ok);
      expect(decoderAccepts("QueueStatus", value)).toBe(ok);
    }
  });

  it("drops unknown properties a newer server adds", () => {
    const body = { serverTime: "2021-07-19T11:31:02Z", region: "ap-northeast-2" };
    expect(decoders.TimeResponse(body)).toEqual({ serverTime: "2021-07-19T11:31:02Z" });
  });

  it("names the failing path and never echoes the value", () => {
    const status = { ...(examples.QueueStatus[0] as T.QueueStatus), ahead: "홍길동 010-1234-5678" };
    expect(() => decoders.JoinResponse({ ticket: { id: "t", token: "x" }, status })).toThrow(
      new DecodeError("status.ahead", "integer 0-100000000"),
    );
    try {
      decoders.JoinResponse({ ticket: { id: "t", token: "x" }, status });
    } catch (error) {
      expect(String(error)).toContain("status.ahead: expected");
      expect(String(error)).not.toContain("홍길동");
    }
    expect(() => decoders.EventsResponse({ events: [{}], serverTime: "x" })).toThrow(
      /^events\[0\]\.id: expected string$/,
    );
  });
});

// --- The TypeScript types, held to the schemas too --------------------------------------------------------

/** Forces a literal to list every key of T, each marked as the type has it. */
type KeyKinds<X> = { [K in keyof X]-?: Record<never, never> extends Pick<X, K> ? "optional" : "required" };
const keysOf = <X>(kinds: KeyKinds<X>): Record<string, "optional" | "required"> => kinds;

const typeShapes: Record<string, Record<string, "optional" | "required">> = {
  LocalizedText: keysOf<T.LocalizedText>({ ko: "required", en: "required" }),
  Notice: keysOf<T.Notice>({ ko: "required", en: "required" }),
  Cohort: keysOf<T.Cohort>({ birthYearFrom: "required", birthYearTo: "required" }),
  Event: keysOf<T.BookingEvent>({
    id: "required",
    name: "required",
    opensAt: "required",
    closesAt: "required",
    prequeueOpensAt: "required",
    cohort: "required",
    status: "required",
    notice: "optional",
  }),
  EventsResponse: keysOf<T.EventsResponse>({ events: "required", serverTime: "required" }),
  TicketRef: keysOf<T.TicketRef>({ id: "required", token: "required" }),
  Admission: keysOf<T.Admission>({ token: "required", expiresAt: "required" }),
  QueueStatus: keysOf<T.QueueStatus>({
    state: "required",
    number: "required",
    servingNumber: "required",
    ahead: "required",
    servingRatePerSecond: "required",
    etaSeconds: "required",
    pollAfterSeconds: "required",
    opensAt: "required",
    serverTime: "required",
    admission: "optional",
    notice: "optional",
  }),
  JoinResponse: keysOf<T.JoinResponse>({ ticket: "required", status: "required" }),
  IdentityRequest: keysOf<T.IdentityRequest>({ name: "required", birthDate: "required", phone: "required" }),
  Identity: keysOf<T.Identity>({
    token: "required",
    maskedName: "required",
    birthYear: "required",
    eligible: "required",
    reason: "required",
  }),
  IdentityResponse: keysOf<T.IdentityResponse>({ identity: "required" }),
  Region: keysOf<T.Region>({ code: "required", name: "required" }),
  RegionsResponse: keysOf<T.RegionsResponse>({ regions: "required" }),
  Center: keysOf<T.Center>({ id: "required", name: "required", region: "required", address: "required" }),
  CentersResponse: keysOf<T.CentersResponse>({ centers: "required" }),
  Slot: keysOf<T.Slot>({ date: "required", time: "required", remaining: "required" }),
  SlotsResponse: keysOf<T.SlotsResponse>({ slots: "required" }),
  ReservationRequest: keysOf<T.ReservationRequest>({
    identityToken: "required",
    centerId: "required",
    date: "required",
    time: "required",
  }),
  Dose: keysOf<T.Dose>({ date: "required", time: "required" }),
  ReservationCenter: keysOf<T.ReservationCenter>({ id: "required", name: "required", address: "required" }),
  Reservation: keysOf<T.Reservation>({
    id: "required",
    code: "required",
    accessToken: "required",
    center: "required",
    firstDose: "required",
    secondDose: "required",
    vaccine: "required",
    status: "required",
    createdAt: "required",
  }),
  ReservationResponse: keysOf<T.ReservationResponse>({ reservation: "required" }),
  TimeResponse: keysOf<T.TimeResponse>({ serverTime: "required" }),
  PushKeyResponse: keysOf<T.PushKeyResponse>({ publicKey: "required" }),
  PushSubscription: keysOf<T.PushSubscription>({
    endpoint: "required",
    expirationTime: "optional",
    keys: "required",
  }),
  PushSubscribeRequest: keysOf<T.PushSubscribeRequest>({ subscription: "required", lang: "optional" }),
  PushNearFront: keysOf<T.PushNearFront>({
    type: "required",
    eventId: "required",
    ticketId: "required",
    ahead: "required",
    etaSeconds: "required",
  }),
  PushAdmitted: keysOf<T.PushAdmitted>({
    type: "required",
    eventId: "required",
    ticketId: "required",
    expiresAt: "required",
  }),
  FieldError: keysOf<T.FieldError>({ field: "required", code: "required" }),
  Problem: keysOf<T.Problem>({
    type: "required",
    title: "required",
    status: "required",
    detail: "optional",
    code: "required",
    errors: "optional",
    reservationId: "optional",
  }),
};

describe("types.ts matches contract/openapi.yaml", () => {
  it("covers every object schema", () => {
    const objectSchemas = Object.keys(schemas).filter((n) => schemas[n].type === "object");
    expect(Object.keys(typeShapes).sort()).toEqual(objectSchemas.sort());
  });

  it.each(Object.keys(typeShapes))("%s: same properties, same required", (name) => {
    const shape = typeShapes[name] as Record<string, string>;
    const schema = schemas[name];
    expect(Object.keys(shape).sort()).toEqual(Object.keys(schema.properties).sort());
    const required = Object.keys(shape).filter((k) => shape[k] === "required");
    expect(required.sort()).toEqual([...schema.required].sort());
  });

  it("has the documented enums", () => {
    const enumOf = (schema: string, prop: string) => schemas[schema].properties[prop].enum;
    const eventStatus: T.EventStatus[] = ["upcoming", "prequeue", "open", "closed"];
    const queueState: T.QueueState[] = ["prequeue", "waiting", "admitted", "expired", "left", "closed"];
    const reason: (T.IneligibleReason | null)[] = ["not_in_cohort", "already_reserved", null];
    const reservationStatus: T.ReservationStatus[] = ["confirmed", "cancelled"];
    expect(enumOf("Event", "status")).toEqual(eventStatus);
    expect(enumOf("QueueStatus", "state")).toEqual(queueState);
    expect(enumOf("Identity", "reason")).toEqual(reason);
    expect(enumOf("Reservation", "status")).toEqual(reservationStatus);
  });

  it("lists every problem code the document uses in ProblemCode", () => {
    const codes = new Set<string>();
    const walk = (node: Json): void => {
      if (node === null || typeof node !== "object") return;
      const code = node.properties?.code;
      if (code?.const) codes.add(code.const);
      for (const c of code?.enum ?? []) codes.add(c);
      for (const child of Object.values(node)) walk(child);
    };
    walk(doc);
    const known: T.ProblemCode[] = [
      "validation_failed",
      "invalid_token",
      "rate_limited",
      "overloaded",
      "not_found",
      "idempotency_key_reused",
      "queue_closed",
      "queue_not_open",
      "admission_expired",
      "not_eligible",
      "slot_full",
      "already_reserved",
      "ticket_ended",
    ];
    expect([...codes].sort()).toEqual([...known].sort());
  });
});

// --- Contract v1.1 "Bounds on numbers", checked on both sides -----------------------------------------------

/**
 * A QueueStatus body as JSON text with one field written verbatim, then parsed
 * as the client parses it: "1e400" becomes Infinity on the way, as it does
 * from a real server.
 */
function statusWith(field: string, raw: string): unknown {
  const base = examples.QueueStatus[0] as T.QueueStatus;
  return JSON.parse(JSON.stringify({ ...base, [field]: "\u0000" }).replace('"\\u0000"', raw));
}

// [field, raw JSON, accepted?]: just inside and just outside each bound, non-finite and NaN-ish values.
const BOUNDS: [string, string, boolean][] = [
  ["pollAfterSeconds", "0", true],
  ["pollAfterSeconds", "600", true],
  ["pollAfterSeconds", "6e2", true],
  ["pollAfterSeconds", "600.0", true],
  ["pollAfterSeconds", "601", false],
  ["pollAfterSeconds", "3000000", false],
  ["pollAfterSeconds", "-1", false],
  ["pollAfterSeconds", "1e400", false],
  ["pollAfterSeconds", "null", false],
  ["pollAfterSeconds", '"NaN"', false],
  ["pollAfterSeconds", '"12"', false],
  ["etaSeconds", "0", true],
  ["etaSeconds", "604800", true],
  ["etaSeconds", "null", true],
  ["etaSeconds", "604801", false],
  ["etaSeconds", "-1", false],
  ["etaSeconds", "1e400", false],
  ["etaSeconds", '"Infinity"', false],
  ...["number", "servingNumber", "ahead"].flatMap((field): [string, string, boolean][] => [
    [field, "0", true],
    [field, "100000000", true],
    [field, "100000001", false],
    [field, "-1", false],
    [field, "1e400", false],
    [field, "9007199254740993", false],
    [field, "0.5", false],
  ]),
  ["servingRatePerSecond", "0", true],
  ["servingRatePerSecond", "850.5", true],
  ["servingRatePerSecond", "1e308", true],
  ["servingRatePerSecond", "1.7976931348623157e308", true],
  ["servingRatePerSecond", "1e400", false],
  ["servingRatePerSecond", "-1e400", false],
  ["servingRatePerSecond", "-1e-9", false],
  ["servingRatePerSecond", "null", false],
  ["servingRatePerSecond", '"NaN"', false],
];

describe("bounds on numbers (contract v1.1): decoder and ajv give the same verdict", () => {
  it.each(BOUNDS)("QueueStatus.%s = %s: accepted %s", (field, raw, accepted) => {
    const body = statusWith(field, raw);
    expect(ajvAccepts("QueueStatus", body)).toBe(accepted);
    expect(decoderAccepts("QueueStatus", body)).toBe(accepted);
  });

  it("refuses servingRatePerSecond 1e400 (Infinity after JSON.parse) with a DecodeError naming the field", () => {
    const body = statusWith("servingRatePerSecond", "1e400");
    expect((body as T.QueueStatus).servingRatePerSecond).toBe(Number.POSITIVE_INFINITY);
    expect(() => decoders.QueueStatus(body)).toThrow(/^servingRatePerSecond: expected finite number >= 0$/);
    expect(() => decoders.JoinResponse({ ticket: { id: "t", token: "x" }, status: body })).toThrow(
      DecodeError,
    );
  });

  it("holds a notice to 200 characters, counted in code points on both sides", () => {
    const base = examples.QueueStatus[0] as T.QueueStatus;
    for (const [text, accepted] of [
      ["가".repeat(200), true],
      ["가".repeat(201), false],
      ["😀".repeat(200), true], // 400 UTF-16 units, 200 characters
      ["😀".repeat(201), false],
    ] as const) {
      for (const notice of [
        { ko: text, en: "ok" },
        { ko: "ok", en: text },
      ]) {
        expect(ajvAccepts("QueueStatus", { ...base, notice })).toBe(accepted);
        expect(decoderAccepts("QueueStatus", { ...base, notice })).toBe(accepted);
        const event = { ...(examples.Event[0] as T.BookingEvent), notice };
        expect(ajvAccepts("Event", event)).toBe(accepted);
        expect(decoderAccepts("Event", event)).toBe(accepted);
      }
    }
  });

  it("treats notice as optional and nullable, and refuses other shapes", () => {
    const base = examples.QueueStatus[0] as T.QueueStatus;
    for (const [notice, accepted] of [
      [null, true],
      [{ ko: "a", en: "b" }, true],
      [{ ko: "a" }, false],
      ["<b>full</b>", false],
      [[], false],
    ] as const) {
      expect(ajvAccepts("QueueStatus", { ...base, notice })).toBe(accepted);
      expect(decoderAccepts("QueueStatus", { ...base, notice })).toBe(accepted);
    }
    expect(decoders.QueueStatus(base)).not.toHaveProperty("notice");
  });
});

/**
 * "Any timestamp lies within ten years of serverTime": JSON Schema cannot
 * relate two fields, so the YAML states it in prose and only the decoders
 * enforce it. These cases show the decoder refusing what ajv must let through.
 */
describe("timestamps within ten years of serverTime (decoder only)", () => {
  const serverTime = "2021-07-19T20:31:02.120+09:00";
  const status = examples.QueueStatus[2] as T.QueueStatus; // admitted, with an admission
  const event = examples.Event[0] as T.BookingEvent;
  const cases: [string, Record<string, unknown>, boolean][] = [
    ["QueueStatus.opensAt nine years before", { ...status, opensAt: "2012-07-19T20:00:00+09:00" }, true],
    ["QueueStatus.opensAt eleven years before", { ...status, opensAt: "2010-07-19T20:00:00+09:00" }, false],
    [
      "QueueStatus.admission.expiresAt in 9999",
      { ...status, admission: { token: "t", expiresAt: "9999-12-31T23:59:59Z" } },
      false,
    ],
  ];
  it.each(cases)("%s: decoder accepts %#", (_label, body, accepted) => {
    expect(ajvAccepts("QueueStatus", body)).toBe(true);
    expect(decoderAccepts("QueueStatus", body)).toBe(accepted);
    expect(decoderAccepts("JoinResponse", { ticket: { id: "t", token: "x" }, status: body })).toBe(accepted);
  });

  it("refuses an event whose windows lie more than ten years from the list's serverTime", () => {
    for (const [patch, path] of [
      [{ opensAt: "2040-01-01T00:00:00Z" }, "events[1].opensAt"],
      [{ closesAt: "1970-01-01T00:00:00Z" }, "events[1].closesAt"],
      [{ prequeueOpensAt: "2000-01-01T00:00:00Z" }, "events[1].prequeueOpensAt"],
    ] as const) {
      const body = { events: [event, { ...event, ...patch }], serverTime };
      expect(ajvAccepts("EventsResponse", body)).toBe(true);
      expect(() => decoders.EventsResponse(body)).toThrow(
        new DecodeError(path, "within 10 years of serverTime"),
      );
    }
    expect(decoders.EventsResponse({ events: [event], serverTime })).toEqual({ events: [event], serverTime });
  });
});
