/**
 * The live chart's data (demo panel): one sample a second of the mock
 * server's line and load, and the chart's shapes from them. Pure.
 */

export interface Sample {
  at: number;
  inLine: number;
  requestsPerSecond: number;
  capacityPerSecond: number | null;
  /** The server refuses everything right now (an outage or a 503 storm). */
  outage: boolean;
}

/** A minute of samples at one a second. */
export const MAX_SAMPLES = 60;

/** Adds a sample, keeping the last `max`; a sample no later than the last one replaces it. */
export function addSample(samples: readonly Sample[], sample: Sample, max = MAX_SAMPLES): Sample[] {
  const last = samples.at(-1);
  const kept = last && sample.at <= last.at ? samples.slice(0, -1) : samples;
  return [...kept, sample].slice(-max);
}

export interface ChartShape {
  /** "x,y x,y …" for the people-in-line polyline (top band). */
  line: string;
  /** Requests a second, one bar per sample (bottom band); `over` when above capacity or refused. */
  bars: { x: number; y: number; width: number; height: number; over: boolean }[];
  /** y of the capacity line in the bottom band; null when there is no limit. */
  capacityY: number | null;
  /** The scales' tops. */
  maxInLine: number;
  maxRequests: number;
}

/**
 * Shapes for a width × height chart: the top 55 % draws people in line, the
 * bottom 40 % requests a second against capacity (both bands start at 0).
 */
export function chartShape(samples: readonly Sample[], width: number, height: number): ChartShape {
  const slot = width / MAX_SAMPLES;
  const lineBottom = height * 0.55;
  const barTop = height * 0.6;
  const barBand = height - barTop;
  const maxInLine = Math.max(1, ...samples.map((s) => s.inLine));
  const capacity = samples.at(-1)?.capacityPerSecond ?? null;
  const maxRequests = Math.max(2, capacity ?? 0, ...samples.map((s) => s.requestsPerSecond));
  // The newest sample sits at the right edge.
  const xOf = (i: number) => width - (samples.length - i) * slot;
  const round = (n: number) => Math.round(n * 10) / 10;
  const line = samples
    .map(
      (s, i) =>
        `${round(xOf(i) + slot / 2)},${round(lineBottom - (s.inLine / maxInLine) * (lineBottom - 4))}`,
    )
    .join(" ");
  const bars = samples.map((s, i) => {
    const h = (s.requestsPerSecond / maxRequests) * barBand;
    return {
      x: round(xOf(i) + slot * 0.15),
      y: round(height - h),
      width: round(slot * 0.7),
      height: round(h),
      over: s.outage || (s.capacityPerSecond !== null && s.requestsPerSecond > s.capacityPerSecond),
    };
  });
  return {
    line,
    bars,
    capacityY: capacity === null ? null : round(height - (capacity / maxRequests) * barBand),
    maxInLine,
    maxRequests,
  };
}
