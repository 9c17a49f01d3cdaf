import { describe, expect, it } from "vitest";
import type { Json } from "./openapi.ts";
import { allRefs, deref, loadContract, operations, resolvePointer, token } from "./openapi.ts";

const { doc, ajv, validatorAt } = loadContract();
const ops = operations(doc);

/** [operation label, status, response object with $ref followed] for every response of every operation. */
const responses = ops.flatMap((o) =>
  Object.entries<Json>(o.op.responses ?? {}).map(
    ([status, r]) => [`${o.method.toUpperCase()} ${o.path}`, status, deref(doc, r, "").node] as const,
  ),
);

const headerOf = (response: Json, name: string): Json => {
  const key = Object.keys(response.headers ?? {}).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : deref(doc, response.headers[key], "").node;
};

describe("contract/openapi.yaml", () => {
  it("is OpenAPI 3.1 served under /api/v1", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    expect(doc.servers).toEqual([expect.objectContaining({ url: "/api/v1" })]);
  });

  it("states every operation of the contract, each with a unique operationId", () => {
    const found = ops.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort();
    expect(found).toEqual(
      [
        "GET /events",
        "POST /events/{eventId}/tickets",
        "GET /events/{eventId}/tickets/{ticketId}",
        "DELETE /events/{eventId}/tickets/{ticketId}",
        "POST /identity",
        "GET /regions",
        "GET /centers",
        "GET /centers/{centerId}/slots",
        "POST /reservations",
        "GET /reservations/{reservationId}",
        "DELETE /reservations/{reservationId}",
        "GET /time",
        // v1.1 Web Push
        "GET /push/key",
        "PUT /events/{eventId}/tickets/{ticketId}/push",
        "DELETE /events/{eventId}/tickets/{ticketId}/push",
      ].sort(),
    );
    const ids = ops.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => typeof id === "string" && id.length > 0)).toBe(true);
  });

  it("resolves every $ref", () => {
    const refs = allRefs(doc);
    expect(refs.length).toBeGreaterThan(50);
    const broken = refs.filter(({ ref }) => resolvePointer(doc, ref) === undefined);
    expect(broken).toEqual([]);
  });

  it("declares every path parameter of every operation", () => {
    for (const o of ops) {
      const named = [...o.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = o.parameters
        .filter((p: Json) => p.in === "path")
        .map((p: Json) => {
          expect(p.required, `${o.path} ${p.name}`).toBe(true);
          return p.name;
        })
        .sort();
      expect(declared, `${o.method} ${o.path}`).toEqual(named);
    }
  });

  it("gives every operation responses, with a 2xx and the 429/503 any request may get", () => {
    for (const o of ops) {
      const statuses = Object.keys(o.op.responses ?? {});
      const label = `${o.method} ${o.path}`;
      expect(
        statuses.some((s) => /^2\d\d$/.test(s)),
        label,
      ).toBe(true);
      expect(statuses, label).toEqual(expect.arrayContaining(["429", "503"]));
    }
  });

  it("makes every POST take a UUID Idempotency-Key and a JSON body where it has one", () => {
    const posts = ops.filter((o) => o.method === "post");
    expect(posts.length).toBe(3);
    for (const o of posts) {
      const key = o.parameters.find((p: Json) => p.in === "header" && p.name === "Idempotency-Key");
      expect(key, o.path).toMatchObject({ required: true, schema: { type: "string", format: "uuid" } });
      expect(o.op.responses["422"], o.path).toBeDefined();
      // A replay is marked on the success answer.
      const success = Object.entries<Json>(o.op.responses).find(([s]) => s.startsWith("2"))?.[1];
      expect(headerOf(deref(doc, success, "").node, "Idempotent-Replayed"), o.path).toBeDefined();
    }
  });

  it("puts a required Date header on every response and Retry-After on every 429 and 503", () => {
    expect(responses.length).toBeGreaterThan(40);
    for (const [label, status, response] of responses) {
      expect(headerOf(response, "Date")?.required, `${label} ${status} Date`).toBe(true);
      if (status === "429" || status === "503") {
        expect(headerOf(response, "Retry-After")?.required, `${label} ${status} Retry-After`).toBe(true);
      }
    }
  });

  it("answers errors as application/problem+json with a Problem schema", () => {
    for (const [label, status, response] of responses) {
      if (!/^[45]/.test(status)) continue;
      expect(Object.keys(response.content ?? {}), `${label} ${status}`).toEqual(["application/problem+json"]);
    }
  });

  it("uses bearer security schemes for the three token kinds", () => {
    for (const name of ["ticketToken", "admissionToken", "reservationToken"]) {
      expect(doc.components.securitySchemes[name]).toMatchObject({ type: "http", scheme: "bearer" });
    }
    const securityOf = (method: string, path: string) =>
      ops.find((o) => o.method === method && o.path === path)?.op.security;
    expect(securityOf("get", "/events/{eventId}/tickets/{ticketId}")).toEqual([{ ticketToken: [] }]);
    expect(securityOf("post", "/identity")).toEqual([{ admissionToken: [] }]);
    expect(securityOf("get", "/centers/{centerId}/slots")).toEqual([{ admissionToken: [] }]);
    expect(securityOf("post", "/reservations")).toEqual([{ admissionToken: [] }]);
    expect(securityOf("delete", "/reservations/{reservationId}")).toEqual([{ reservationToken: [] }]);
    expect(securityOf("put", "/events/{eventId}/tickets/{ticketId}/push")).toEqual([{ ticketToken: [] }]);
    expect(securityOf("delete", "/events/{eventId}/tickets/{ticketId}/push")).toEqual([{ ticketToken: [] }]);
    // Public operations say so with an empty requirement (a linter flags a missing one).
    const publicOps = ops.filter((o) => Array.isArray(o.op.security) && o.op.security.length === 0);
    expect(publicOps.map((o) => o.op.operationId).sort()).toEqual(
      ["getPushKey", "getTime", "joinQueue", "listCenters", "listEvents", "listRegions"].sort(),
    );
    expect(ops.filter((o) => o.op.security === undefined && doc.security === undefined)).toEqual([]);
  });

  it("v1.1: documents Prefer: wait on status reads, Preference-Applied, and the push key cacheable for a day", () => {
    const status = ops.find((o) => o.method === "get" && o.path === "/events/{eventId}/tickets/{ticketId}");
    expect(status?.parameters.find((p) => p.name === "Prefer")).toMatchObject({
      in: "header",
      required: false,
    });
    expect(headerOf(status?.op.responses["200"], "Preference-Applied")).toMatchObject({ required: false });
    const key = ops.find((o) => o.method === "get" && o.path === "/push/key")?.op.responses;
    expect(headerOf(key?.["200"], "Cache-Control")).toMatchObject({
      required: true,
      schema: { const: "public, max-age=86400" },
    });
    expect(Object.keys(key ?? {})).toContain("404");
    expect(Object.keys(doc.webhooks ?? {})).toEqual(["turnPush"]);
  });

  it("marks the catalog cacheable for an hour", () => {
    for (const path of ["/regions", "/centers"]) {
      const ok = ops.find((o) => o.method === "get" && o.path === path)?.op.responses["200"];
      expect(headerOf(ok, "Cache-Control"), path).toMatchObject({ required: true });
    }
  });

  it("compiles every component schema and every response and request body schema with ajv", () => {
    const pointers = Object.keys(doc.components.schemas).map((name) => `#/components/schemas/${token(name)}`);
    for (const o of ops) {
      for (const [status, r] of Object.entries<Json>(o.op.responses)) {
        for (const type of Object.keys(deref(doc, r, "").node.content ?? {})) {
          const at = deref(doc, r, `${o.pointer}/responses/${status}`).pointer;
          pointers.push(`${at}/content/${token(type)}/schema`);
        }
      }
      for (const type of Object.keys(o.op.requestBody?.content ?? {})) {
        pointers.push(`${o.pointer}/requestBody/content/${token(type)}/schema`);
      }
    }
    expect(pointers.length).toBeGreaterThan(60);
    for (const pointer of pointers) expect(() => validatorAt(pointer), pointer).not.toThrow();
  });

  it("has schemas that really constrain (a smoke check of the compiled validators)", () => {
    const event = validatorAt("#/components/schemas/Event");
    const good = {
      id: "c50-54",
      name: { ko: "50~54세 사전예약", en: "Pre-booking, ages 50-54" },
      opensAt: "2021-07-19T20:00:00.000+09:00",
      closesAt: "2021-07-24T18:00:00.000+09:00",
      prequeueOpensAt: null,
      cohort: { birthYearFrom: 1967, birthYearTo: 1971 },
      status: "upcoming",
    };
    expect(event(good)).toBe(true);
    expect(event({ ...good, status: "soon" })).toBe(false);
    expect(event({ ...good, opensAt: "2021-07-19 20:00" })).toBe(false);
    expect(ajv.validate({ type: "string", format: "http-date" }, "Wed, 21 Jul 2021 11:00:00 GMT")).toBe(true);
    expect(ajv.validate({ type: "string", format: "http-date" }, "2021-07-21T11:00:00Z")).toBe(false);
  });
});
