import { describe, expect, it } from "vitest";
import { matchRoute } from "./router.ts";
import { routes } from "./routes.ts";

const at = (path: string) => matchRoute(routes, new URL(path, "https://jari.example"));

describe("matchRoute", () => {
  it("finds every screen, with its decoded parameters and query", () => {
    expect(at("/").id).toBe("home");
    expect(at("/queue/c55-59")).toMatchObject({ id: "queue", params: { eventId: "c55-59" } });
    expect(at("/queue/a%20b").params).toEqual({ eventId: "a b" });
    expect(at("/booking").id).toBe("booking");
    expect(at("/reservation/r_1")).toMatchObject({ id: "reservation", params: { id: "r_1" } });
    expect(at("/reservations/").id).toBe("reservations");
    expect(at("/?lang=en").query.get("lang")).toBe("en");
  });

  it("sends anything else to not-found", () => {
    expect(at("/queue").id).toBe("not-found");
    expect(at("/queue/a/b").id).toBe("not-found");
    expect(at("/queue/%E0%A4%A").id).toBe("not-found");
    expect(at("/nope").id).toBe("not-found");
  });
});
