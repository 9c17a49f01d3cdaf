/** The fleet run's outputs: fleet.json, fleet.md (tables) and fleet.svg (load over time, notice latency). */
import type { Quantiles, StrategyResult } from "./population.ts";
import type { WorkloadConfig } from "./workloads.ts";

export interface CalibrationDelta {
  clients: number;
  real: { requestsPerPerson: number; noticeP50: number | null; noticeP99: number | null };
  engine: { requestsPerPerson: number; noticeP50: number | null; noticeP99: number | null };
  /** (engine − real) / real. */
  delta: { requestsPerPerson: number; noticeP50: number | null; noticeP99: number | null };
  wallSeconds: number;
}

export interface FleetReport {
  people: number;
  workload: WorkloadConfig;
  seed: number;
  wallSeconds: number;
  peakMemoryMB: number;
  calibration: CalibrationDelta | null;
  strategies: Array<Omit<StrategyResult, "loadSeries" | "noticeCurve">>;
}

export function toReport(
  workload: WorkloadConfig,
  seed: number,
  results: StrategyResult[],
  wallSeconds: number,
  peakMemoryMB: number,
  calibration: CalibrationDelta | null,
): FleetReport {
  return {
    people: workload.people,
    workload,
    seed,
    wallSeconds,
    peakMemoryMB,
    calibration,
    strategies: results.map(({ loadSeries: _l, noticeCurve: _n, ...rest }) => rest),
  };
}

const fmt = (v: number | null | undefined, digits = 1): string =>
  v === null || v === undefined ? "–" : v.toLocaleString("en-US", { maximumFractionDigits: digits });
const q = (x: Quantiles): string => (x.count === 0 ? "–" : `${fmt(x.p50)} / ${fmt(x.p99)} / ${fmt(x.max)}`);

export function toMarkdown(report: FleetReport): string {
  const w = report.workload;
  const lines: string[] = [];
  lines.push(`# Fleet simulation: ${w.name}`);
  lines.push("");
  lines.push(
    `${report.people.toLocaleString("en-US")} people, seed ${report.seed}; admissions ${w.admitPerSecond}/s ±${w.wobble * 100} % a minute` +
      `${w.rateChanges.map((c) => `, ×${c.factor} unannounced at ${c.atMs / 60_000} min`).join("")}; capacity ` +
      `${w.capacityPerSecond.toLocaleString("en-US")} requests/s; ${w.phones.hiddenShare * 100} % of pages hidden ` +
      `(${w.phones.frozenShareOfHidden * 100} % of those frozen), ${w.phones.closeShare * 100} % close the app and come back, ` +
      `${w.phones.pushShare * 100} % push on (jari-push). Wall ${report.wallSeconds} s, peak RSS ${report.peakMemoryMB} MB.`,
  );
  lines.push("");
  lines.push(
    "| strategy | sample | requests | req/person mean (p50, p99) | visible pages | hidden pages | peak load ÷ capacity | after 1st min | lost places | expired unused (reachable) | wasted admissions | last admitted (min) |",
  );
  lines.push("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const s of report.strategies) {
    lines.push(
      `| ${s.name} | ${s.sample === 1 ? "all" : `1 in ${s.sample}`} | ${fmt(s.requests, 0)} | ${fmt(s.requestsPerPerson.mean, 2)} (${s.requestsPerPerson.p50}, ${s.requestsPerPerson.p99}) | ${fmt(s.requestsPerVisiblePerson, 2)} | ${fmt(s.requestsPerHiddenPerson, 2)} | ${fmt(s.peakLoadRatio, 3)} | ${fmt(s.peakLoadRatioAfterFirstMinute, 3)} | ${fmt(s.lostPlaces, 0)} | ${fmt(s.expiredUnused, 0)} (${fmt(s.expiredUnusedReachable, 0)}) | ${fmt(s.wastedAdmissions, 0)} | ${fmt(s.lastAdmittedAt)} |`,
    );
  }
  lines.push("");
  lines.push("Notice latency, seconds from admission to the app showing it (p50 / p99 / max):");
  lines.push("");
  lines.push(
    "| strategy | visible pages | hidden pages (no push) | woken by push | pushes sent | held reads | 503s | timeouts |",
  );
  lines.push("| --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const s of report.strategies) {
    lines.push(
      `| ${s.name} | ${q(s.noticeLatency.visible)} | ${q(s.noticeLatency.hidden)} | ${q(s.noticeLatency.push)} | ${fmt(s.pushesSent, 0)} | ${fmt(s.heldReads, 0)} | ${fmt(s.errors.overloaded, 0)} | ${fmt(s.errors.timeouts, 0)} |`,
    );
  }
  const c = report.calibration;
  if (c) {
    lines.push("");
    lines.push(
      `Calibration (${c.clients} real queue clients on the mock vs the engine's jari, same workload): ` +
        `requests a person ${fmt(c.real.requestsPerPerson, 2)} vs ${fmt(c.engine.requestsPerPerson, 2)} (${pct(c.delta.requestsPerPerson)}), ` +
        `notice p50 ${fmt(c.real.noticeP50)} s vs ${fmt(c.engine.noticeP50)} s (${pct(c.delta.noticeP50)}), ` +
        `p99 ${fmt(c.real.noticeP99)} s vs ${fmt(c.engine.noticeP99)} s (${pct(c.delta.noticeP99)}).`,
    );
  }
  lines.push("");
  lines.push(
    "Sampled strategies run on a uniform 1-in-k sample of the same people; each sampled request counts k times at the server (capacity, 503, timeouts) and in every total. Pushes are counted apart from requests. A reachable expired admission is one whose holder kept the app running (visible, or hidden but not frozen), or had it open for at least a minute after the admission, or came back at least 5 s before the 10-minute window ended. Admitted people are taken to book at once (booking traffic is not counted).",
  );
  return `${lines.join("\n")}\n`;
}

const pct = (v: number | null): string =>
  v === null ? "–" : `${v >= 0 ? "+" : ""}${(v * 100).toFixed(1)} %`;

const COLORS: Record<string, string> = {
  hammer: "#d62728",
  "fixed-3s": "#ff7f0e",
  "fixed-20s": "#bcbd22",
  netfunnel: "#8c564b",
  "expo-nojitter": "#9467bd",
  jari: "#1f77b4",
  "jari-push": "#2ca02c",
  "jari-naive-server": "#17becf",
};

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** Two stacked charts, 360 px wide (a phone's width): offered load (log) and notice latency. */
export function toSvg(report: FleetReport, results: StrategyResult[]): string {
  const W = 360;
  const pad = { l: 44, r: 8, t: 28, b: 26 };
  const h1 = 240;
  const h2 = 200;
  const legendH = 16 * Math.ceil(results.length / 2) + 8;
  const H = h1 + h2 + legendH + 30;
  const cap = report.workload.capacityPerSecond;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="system-ui, sans-serif" font-size="10">`,
  );
  out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  // --- chart 1: offered load per minute-max, log scale ---
  const maxMin = Math.max(...results.map((r) => Math.ceil(r.loadSeries.length / 60)));
  const lo = 10;
  const hi = Math.max(cap * 10, ...results.map((r) => Math.max(...r.loadSeries)));
  const x1 = (m: number) => pad.l + (m / Math.max(1, maxMin)) * (W - pad.l - pad.r);
  const y1 = (v: number) =>
    pad.t +
    (1 - (Math.log10(Math.max(lo, v)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) *
      (h1 - pad.t - pad.b);
  out.push(
    `<text x="${pad.l}" y="14" font-size="12" font-weight="600">Requests a second (busiest of each minute)</text>`,
  );
  for (let e = Math.ceil(Math.log10(lo)); e <= Math.log10(hi); e++) {
    const y = y1(10 ** e);
    out.push(`<line x1="${pad.l}" x2="${W - pad.r}" y1="${y}" y2="${y}" stroke="#eee"/>`);
    out.push(`<text x="${pad.l - 4}" y="${y + 3}" text-anchor="end">1e${e}</text>`);
  }
  const yc = y1(cap);
  out.push(
    `<line x1="${pad.l}" x2="${W - pad.r}" y1="${yc}" y2="${yc}" stroke="#000" stroke-dasharray="4 3"/>`,
  );
  out.push(`<text x="${W - pad.r}" y="${yc - 3}" text-anchor="end">capacity</text>`);
  for (let m = 0; m <= maxMin - 15; m += 30) {
    out.push(`<text x="${x1(m)}" y="${h1 - 10}" text-anchor="middle">${m}</text>`);
  }
  out.push(`<text x="${W - pad.r}" y="${h1 - 10}" text-anchor="end">min</text>`);
  for (const r of results) {
    const pts: string[] = [];
    for (let m = 0; m * 60 < r.loadSeries.length; m++) {
      let v = 0;
      for (let s = m * 60; s < Math.min(r.loadSeries.length, m * 60 + 60); s++)
        v = Math.max(v, r.loadSeries[s] ?? 0);
      pts.push(`${x1(m).toFixed(1)},${y1(v).toFixed(1)}`);
    }
    out.push(
      `<polyline fill="none" stroke="${COLORS[r.name] ?? "#333"}" stroke-width="1.5" points="${pts.join(" ")}"/>`,
    );
  }
  // --- chart 2: notice latency distribution (visible + push), log x ---
  const top = h1 + 10;
  out.push(
    `<text x="${pad.l}" y="${top + 14}" font-size="12" font-weight="600">Admission → notice, seconds (share of people)</text>`,
  );
  const xlo = 0.1;
  const xhi = 600;
  const x2 = (s: number) =>
    pad.l +
    ((Math.log10(Math.max(xlo, s)) - Math.log10(xlo)) / (Math.log10(xhi) - Math.log10(xlo))) *
      (W - pad.l - pad.r);
  const y2 = (share: number) => top + pad.t + (1 - share) * (h2 - pad.t - pad.b);
  for (const s of [0.1, 1, 10, 60, 600]) {
    out.push(`<line x1="${x2(s)}" x2="${x2(s)}" y1="${y2(1)}" y2="${y2(0)}" stroke="#eee"/>`);
    out.push(`<text x="${x2(s)}" y="${y2(0) + 12}" text-anchor="middle">${s}</text>`);
  }
  for (const share of [0, 0.5, 1])
    out.push(`<text x="${pad.l - 4}" y="${y2(share) + 3}" text-anchor="end">${share * 100}%</text>`);
  for (const r of results) {
    const all = r.noticeCurve.all;
    if (all.length === 0) continue;
    const step = Math.max(1, Math.floor(all.length / 300));
    const pts: string[] = [];
    for (let i = 0; i < all.length; i += step)
      pts.push(`${x2(all[i] as number).toFixed(1)},${y2((i + 1) / all.length).toFixed(1)}`);
    out.push(
      `<polyline fill="none" stroke="${COLORS[r.name] ?? "#333"}" stroke-width="1.5" points="${pts.join(" ")}"/>`,
    );
  }
  // --- legend ---
  const ly = top + h2 + 8;
  results.forEach((r, i) => {
    const x = pad.l + (i % 2) * 150;
    const y = ly + Math.floor(i / 2) * 16;
    out.push(`<rect x="${x}" y="${y}" width="12" height="4" fill="${COLORS[r.name] ?? "#333"}"/>`);
    out.push(
      `<text x="${x + 16}" y="${y + 5}">${esc(r.name)}${r.sample > 1 ? ` (1 in ${r.sample})` : ""}</text>`,
    );
  });
  out.push(
    `<text x="${pad.l}" y="${H - 6}" fill="#555">${esc(report.workload.name)}, ${report.people.toLocaleString("en-US")} people, seed ${report.seed}</text>`,
  );
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}
