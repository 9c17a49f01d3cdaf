import { describe, expect, it } from "vitest";
import { createServerClock } from "../../src/core/clock/server-clock.ts";
import { createFakeClock } from "../support/fake-clock.ts";

const SERVER_START = Date.parse("2021-07-19T11:00:00.000Z");
const HOURS = 3_600_000;

describe("createServerClock", () => {
  it("reports server time exactly for a device clock hours off, correcting for the round trip", () => {
    const device = createFakeClock(SERVER_START, -5 * HOURS);
    const serverClock = createServerClock(device);
    const sentAt = device.now();
    // The server stamps its time halfway through an 800 ms round trip.
    serverClock.observe({ sentAt, receivedAt: sentAt + 800, serverTime: SERVER_START + 400, precise: true });
    device.setSkew(-5 * HOURS); // unchanged, time has not moved yet
    expect(serverClock.offsetMs()).toBe(5 * HOURS);
    expect(serverClock.serverNow()).toBe(SERVER_START);
  });

  it("is 0 offset before any sample and ignores absurd samples", () => {
    const device = createFakeClock(SERVER_START);
    const serverClock = createServerClock(device);
    expect(serverClock.offsetMs()).toBe(0);
    serverClock.observe({ sentAt: 10, receivedAt: 5, serverTime: SERVER_START, precise: true });
    serverClock.observe({ sentAt: 0, receivedAt: 120_000, serverTime: SERVER_START, precise: true });
    serverClock.observe({ sentAt: 0, receivedAt: 10, serverTime: Number.NaN, precise: true });
    serverClock.observe({ sentAt: 0, receivedAt: 10, serverTime: 1000, precise: true });
    expect(serverClock.offsetMs()).toBe(0);
  });

  it("prefers the sample with the smallest round trip", () => {
    const device = createFakeClock(SERVER_START);
    const serverClock = createServerClock(device);
    const t = device.now();
    // Slow exchange: server stamped late in the round trip (asymmetric), so its midpoint is 900 ms off.
    serverClock.observe({ sentAt: t, receivedAt: t + 2000, serverTime: t + 1900, precise: true });
    // Fast exchange: the truth (offset 0) within ±20 ms.
    serverClock.observe({ sentAt: t + 5000, receivedAt: t + 5040, serverTime: t + 5020, precise: true });
    expect(Math.abs(serverClock.offsetMs())).toBeLessThanOrEqual(20);
    // A later slow sample that agrees within its error does not displace the precise one.
    serverClock.observe({ sentAt: t + 9000, receivedAt: t + 11_000, serverTime: t + 10_600, precise: true });
    expect(Math.abs(serverClock.offsetMs())).toBeLessThanOrEqual(20);
  });

  it("counts whole-second Date headers as less precise than body serverTime", () => {
    const device = createFakeClock(SERVER_START);
    const serverClock = createServerClock(device);
    const t = device.now();
    serverClock.observe({ sentAt: t, receivedAt: t + 100, serverTime: t + 50, precise: true });
    // A header with a 10 ms round trip is still ±500 ms: it must not win.
    serverClock.observe({
      sentAt: t + 1000,
      receivedAt: t + 1010,
      serverTime: t + 1000 - 700,
      precise: false,
    });
    expect(serverClock.offsetMs()).toBe(0);
  });

  it("uses the middle of the header's second when only headers are known", () => {
    const device = createFakeClock(SERVER_START);
    const serverClock = createServerClock(device);
    const t = device.now();
    serverClock.observe({ sentAt: t, receivedAt: t + 20, serverTime: t - 300, precise: false });
    expect(serverClock.offsetMs()).toBe(-300 + 500 - 10);
  });

  it("follows a device clock that was changed, instead of averaging it away", () => {
    const device = createFakeClock(SERVER_START);
    const serverClock = createServerClock(device);
    const t = device.now();
    serverClock.observe({ sentAt: t, receivedAt: t + 20, serverTime: t + 10, precise: true });
    // The user moves the device clock 2 hours back; the server is where it was.
    device.setSkew(-2 * HOURS);
    const d = device.now();
    serverClock.observe({ sentAt: d, receivedAt: d + 200, serverTime: t + 100, precise: true });
    expect(serverClock.offsetMs()).toBe(2 * HOURS);
  });
});

describe("createServerClock and untrustworthy Date headers", () => {
  it("a Date header a day off (an error answer's) never moves a body-serverTime estimate", () => {
    const device = createFakeClock(SERVER_START);
    const serverClock = createServerClock(device);
    const t = device.now();
    serverClock.observe({ sentAt: t, receivedAt: t + 40, serverTime: t + 20, precise: true });
    for (let i = 1; i <= 5; i++) {
      const d = t + i * 10_000;
      serverClock.observe({ sentAt: d, receivedAt: d + 10, serverTime: d + 24 * HOURS, precise: false });
    }
    expect(serverClock.offsetMs()).toBe(0);
    expect(serverClock.serverNow()).toBe(t);
  });

  it("with headers only, one header a day off changes nothing; a run of agreeing ones does", () => {
    const device = createFakeClock(SERVER_START);
    const serverClock = createServerClock(device);
    const t = device.now();
    serverClock.observe({ sentAt: t, receivedAt: t + 20, serverTime: t - 500, precise: false });
    const settled = serverClock.offsetMs();
    expect(Math.abs(settled)).toBeLessThan(1000);
    const dayOff = (i: number) => {
      const d = t + i * 10_000;
      serverClock.observe({ sentAt: d, receivedAt: d + 20, serverTime: d + 24 * HOURS, precise: false });
    };
    dayOff(1);
    expect(serverClock.offsetMs()).toBe(settled);
    dayOff(2);
    expect(serverClock.offsetMs()).toBe(settled);
    dayOff(3);
    expect(serverClock.offsetMs()).toBeGreaterThan(24 * HOURS - 1000);
  });
});
