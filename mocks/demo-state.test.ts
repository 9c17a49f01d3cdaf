import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { chooseBackend, MOCK_STORAGE_KEY, persisted } from "./demo-state.ts";
import { createBackend } from "./model/index.ts";

const storage = new Map<string, string>();
const fakeLocalStorage = {
  getItem: (key: string) => storage.get(key) ?? null,
  setItem: (key: string, value: string) => void storage.set(key, value),
  removeItem: (key: string) => void storage.delete(key),
};

beforeEach(() => {
  storage.clear();
  vi.stubGlobal("localStorage", fakeLocalStorage);
});
afterEach(() => vi.unstubAllGlobals());

const join = {
  method: "POST",
  url: "/api/v1/events/c55-59/tickets",
  headers: { "idempotency-key": "3b241101-e2bb-4255-8caf-4136c566a962" },
  body: null,
};

describe("demo backend state", () => {
  it("keeps the saved backend and its scenario when the URL names none", async () => {
    const first = persisted(chooseBackend({ scenario: "bounce" }, null));
    await first.handle(join);
    const saved = storage.get(MOCK_STORAGE_KEY) ?? null;
    const reloaded = chooseBackend({}, saved);
    expect(reloaded.scenario).toBe("bounce");
    expect(reloaded.inspect().tickets).toBe(1);
    expect(chooseBackend({ scenario: "bounce" }, saved).inspect().tickets).toBe(1);
  });

  it("starts afresh for another scenario, speed, or a snapshot it cannot read", () => {
    const saved = createBackend({ scenario: "calm" }).snapshot();
    expect(chooseBackend({ scenario: "outage" }, saved).scenario).toBe("outage");
    expect(chooseBackend({ speed: 5 }, saved).snapshot()).not.toBe(saved);
    expect(chooseBackend({ scenario: "nonsense" }, "garbage").scenario).toBe("calm");
  });

  it("holds a read (Prefer: wait) outside its lock: the tab's other requests are answered meanwhile", async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const waits: number[] = [];
    const tab = persisted(chooseBackend({ scenario: "calm", seed: 3 }, null), (ms) => {
      waits.push(ms);
      return released;
    });
    const joined = await tab.handle(join);
    const { ticket } = JSON.parse(joined.kind === "respond" ? (joined.body ?? "") : "{}") as {
      ticket: { id: string; token: string };
    };
    const held = tab.handle({
      method: "GET",
      url: `/api/v1/events/c55-59/tickets/${ticket.id}`,
      headers: { authorization: `Bearer ${ticket.token}`, prefer: "wait=2" },
      body: null,
    });
    const time = await tab.handle({ method: "GET", url: "/api/v1/time", headers: {}, body: null });
    expect(time.kind === "respond" && time.status).toBe(200);
    expect(waits).toEqual([2000]);
    release();
    const answer = await held;
    expect(answer.kind === "respond" && answer.headers["preference-applied"]).toBe("wait=2");
  });

  it("sees what another tab saved before answering", async () => {
    const tabA = persisted(chooseBackend({ seed: 3 }, null));
    const tabB = persisted(chooseBackend({}, storage.get(MOCK_STORAGE_KEY) ?? null));
    await tabA.handle(join);
    await tabB.handle({ ...join, headers: { "idempotency-key": "3b241101-e2bb-4255-8caf-4136c566a963" } });
    expect(tabB.inspect().tickets).toBe(2);
    await tabA.handle({ method: "GET", url: "/api/v1/time", headers: {}, body: null });
    expect(tabA.inspect().tickets).toBe(2);
  });
});
