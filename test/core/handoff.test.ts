import { describe, expect, it } from "vitest";
import { decodeBase64Url, encodeBase64Url } from "../../src/core/handoff/base64url.ts";
import {
  decodeHandoff,
  encodeHandoff,
  HANDOFF_PREFIX,
  type HandoffPayload,
  isHandoffHash,
} from "../../src/core/handoff/fragment.ts";
import { importHandoff, payloadOf, recordOf } from "../../src/core/handoff/transfer.ts";
import { createMemoryStore } from "../../src/core/store/memory-store.ts";
import type { TicketRecord } from "../../src/core/store/types.ts";

const TOKEN = "eyJrIjoidGlja2V0IiwidGlkIjoidF8xIn0.c2lnbmF0dXJl_-x";
const PLACE: HandoffPayload = { eventId: "c55-59", ticketId: "t_0001", token: TOKEN, admission: null };
const ADMITTED: HandoffPayload = {
  ...PLACE,
  admission: { token: "adm.tok-en_1", expiresAt: "2021-07-19T20:10:00+09:00" },
};

/** The fragment for an arbitrary JSON body, as a hand-made (or hostile) link would carry it. */
const fragmentOf = (body: unknown) => `#${HANDOFF_PREFIX}${encodeBase64Url(JSON.stringify(body))}`;

describe("base64url", () => {
  it("round-trips ASCII, Korean and astral text, and matches the standard alphabet without padding", () => {
    for (const text of ["", "f", "fo", "foo", "foob", "fooba", "foobar", "자리 🎟️", '{"a":"~?>"}'])
      expect(decodeBase64Url(encodeBase64Url(text))).toBe(text);
    expect(encodeBase64Url("foobar")).toBe("Zm9vYmFy");
    expect(encodeBase64Url("fo")).toBe("Zm8");
    expect(encodeBase64Url("??>")).toBe("Pz8-");
    expect(encodeBase64Url("???")).toBe("Pz8_");
  });

  it("refuses padding, the standard alphabet's + and /, impossible lengths, stray bits and bad UTF-8", () => {
    for (const bad of ["Zm8=", "Pz8+", "Pz8/", "Z", "Zm9", "Zm9vY", "Zn", "_w", "wA", "7aCA"])
      expect(decodeBase64Url(bad), bad).toBeNull();
    // "Zm9" would be "fo" with leftover bits set; the canonical form is "Zm8".
    expect(decodeBase64Url("Zm8")).toBe("fo");
  });
});

describe("handoff fragment", () => {
  it("round-trips a place and an admission, in the fragment form only", () => {
    for (const payload of [PLACE, ADMITTED]) {
      const fragment = encodeHandoff(payload);
      expect(fragment.startsWith("handoff=v1.")).toBe(true);
      expect(fragment).toMatch(/^handoff=v1\.[A-Za-z0-9_-]+$/);
      expect(decodeHandoff(`#${fragment}`)).toEqual(payload);
      expect(decodeHandoff(fragment)).toEqual(payload);
    }
    expect(isHandoffHash("#handoff=v9.x")).toBe(true);
    expect(isHandoffHash("#main")).toBe(false);
  });

  it("refuses other versions, bad base64url, bad JSON and non-objects", () => {
    const good = encodeHandoff(PLACE);
    expect(decodeHandoff(good.replace("v1.", "v2."))).toBeNull();
    expect(decodeHandoff(`${good}=`)).toBeNull();
    expect(decodeHandoff(`#${HANDOFF_PREFIX}${encodeBase64Url("{not json")}`)).toBeNull();
    for (const body of [null, 1, "x", [PLACE], true]) expect(decodeHandoff(fragmentOf(body))).toBeNull();
    expect(decodeHandoff(`#${HANDOFF_PREFIX}${"A".repeat(5000)}`)).toBeNull();
    expect(decodeHandoff("")).toBeNull();
  });

  it("refuses missing, extra and ill-formed fields, like any input from outside", () => {
    const cases: unknown[] = [
      { ticketId: "t_1", token: TOKEN },
      { eventId: "c55-59", token: TOKEN },
      { eventId: "c55-59", ticketId: "t_1" },
      { ...PLACE, admission: undefined, extra: 1 },
      { ...PLACE, eventId: "../admin" },
      { ...PLACE, eventId: ".." },
      { ...PLACE, ticketId: "t 1" },
      { ...PLACE, ticketId: "t/1" },
      { ...PLACE, ticketId: "a".repeat(129) },
      { ...PLACE, ticketId: 7 },
      { ...PLACE, token: "" },
      { ...PLACE, token: "with space" },
      { ...PLACE, token: "line\nbreak" },
      { ...PLACE, token: "a".repeat(1025) },
      { ...PLACE, token: "<script>" },
      { ...PLACE, admission: "yes" },
      { ...PLACE, admission: { token: "a.b" } },
      { ...PLACE, admission: { token: "a.b", expiresAt: "tomorrow" } },
      { ...PLACE, admission: { token: "a.b", expiresAt: "2021-02-30T10:00:00Z" } },
      { ...PLACE, admission: { token: "a b", expiresAt: "2021-07-19T20:10:00Z" } },
      { ...PLACE, admission: { token: "a.b", expiresAt: "2021-07-19T20:10:00Z", more: 1 } },
    ];
    for (const body of cases) expect(decodeHandoff(fragmentOf(body)), JSON.stringify(body)).toBeNull();
    // An explicit null admission is the same as none.
    expect(decodeHandoff(fragmentOf({ ...PLACE, admission: null }))).toEqual(PLACE);
  });
});

const active = (overrides: Partial<TicketRecord> = {}): TicketRecord => ({
  ...recordOf(PLACE, 1_000),
  joinKey: "k1",
  ...overrides,
});

describe("handoff transfer", () => {
  it("sends only a live ticket with its token, and the admission while it has a token", () => {
    expect(payloadOf(active())).toEqual(PLACE);
    expect(payloadOf(active({ admission: ADMITTED.admission }))).toEqual(ADMITTED);
    expect(payloadOf(active({ admission: { token: null, expiresAt: "2021-07-19T20:10:00+09:00" } }))).toEqual(
      PLACE,
    );
    expect(payloadOf(null)).toBeNull();
    expect(payloadOf(active({ ended: "left" }))).toBeNull();
    expect(payloadOf(active({ ended: "moved" }))).toBeNull();
    expect(payloadOf(active({ ticketId: null, ticketToken: null }))).toBeNull();
    expect(payloadOf(active({ ticketToken: null }))).toBeNull();
  });

  it("takes a place into an empty store as an active ticket that needs no join", async () => {
    const store = createMemoryStore();
    const result = await importHandoff(store, ADMITTED, 5_000);
    expect(result.kind).toBe("taken");
    const kept = await store.getActiveTicket();
    expect(kept).toMatchObject({
      eventId: "c55-59",
      ticketId: "t_0001",
      ticketToken: TOKEN,
      admission: ADMITTED.admission,
      ended: null,
      lastStatus: null,
      createdAt: 5_000,
    });
  });

  it("keeps one ticket: another active ticket or a pending join stays, and nothing is written", async () => {
    for (const other of [
      active({ eventId: "c53-54", ticketId: "t_other", ticketToken: "x.y" }),
      active({ eventId: "c55-59", ticketId: "t_other", ticketToken: "x.y" }),
      active({ eventId: "c53-54", ticketId: null, ticketToken: null }),
    ]) {
      const store = createMemoryStore();
      await store.putTicket(other);
      const result = await importHandoff(store, PLACE, 5_000);
      expect(result).toEqual({ kind: "conflict", kept: other });
      expect(await store.getActiveTicket()).toEqual(other);
      expect(await store.getTicket("c55-59")).toEqual(other.eventId === "c55-59" ? other : null);
    }
  });

  it("opening the same place again changes nothing, and a place that came back replaces its moved record", async () => {
    const store = createMemoryStore();
    const seen = active({ lastStatus: null, firstServingNumber: 800, nextPollAt: 9_999 });
    await store.putTicket(seen);
    expect(await importHandoff(store, PLACE, 5_000)).toEqual({ kind: "taken", record: seen });
    expect(await store.getTicket("c55-59")).toEqual(seen);

    await store.putTicket({ ...seen, ended: "moved", ticketToken: null });
    const back = await importHandoff(store, PLACE, 6_000);
    expect(back.kind).toBe("taken");
    expect(await store.getActiveTicket()).toMatchObject({
      ticketToken: TOKEN,
      ended: null,
      createdAt: 6_000,
    });
  });
});
