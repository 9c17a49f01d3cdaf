import { describe, expect, it } from "vitest";
import { addSample, chartShape, MAX_SAMPLES, type Sample } from "./samples.ts";

const sample = (at: number, inLine: number, rps: number, capacity: number | null = null): Sample => ({
  at,
  inLine,
  requestsPerSecond: rps,
  capacityPerSecond: capacity,
  outage: false,
});

describe("the live chart's samples", () => {
  it("keeps the last minute, and a sample at the same time replaces the last", () => {
    let list: Sample[] = [];
    for (let i = 0; i < MAX_SAMPLES + 10; i++) list = addSample(list, sample(i * 1000, i, 0));
    expect(list).toHaveLength(MAX_SAMPLES);
    expect(list[0]?.at).toBe(10_000);
    const replaced = addSample(list, sample((MAX_SAMPLES + 9) * 1000, 1, 0));
    expect(replaced).toHaveLength(MAX_SAMPLES);
    expect(replaced.at(-1)?.inLine).toBe(1);
  });

  it("draws people in line on top and requests against capacity below, newest at the right", () => {
    const shape = chartShape([sample(0, 100, 10, 50), sample(1000, 50, 60, 50)], 300, 100);
    const points = shape.line.split(" ").map((p) => p.split(",").map(Number));
    expect(points).toHaveLength(2);
    expect(points[1]?.[0]).toBeCloseTo(297.5);
    // Fewer people: lower on the chart (larger y); the top sample touches the top band's top.
    expect(points[1]?.[1]).toBeGreaterThan(points[0]?.[1] ?? 0);
    expect(points[0]?.[1]).toBe(4);
    expect(shape.maxRequests).toBe(60);
    expect(shape.bars.map((b) => b.over)).toEqual([false, true]);
    expect(shape.bars[1]?.height).toBe(40);
    expect(shape.capacityY).toBeCloseTo(100 - (50 / 60) * 40, 1);
  });

  it("has no capacity line without a limit, and a floor on the request scale", () => {
    const shape = chartShape([sample(0, 0, 1)], 300, 100);
    expect(shape.capacityY).toBeNull();
    expect(shape.maxRequests).toBe(2);
    expect(shape.bars[0]?.height).toBe(20);
  });
});
