/**
 * The charts of docs/measurements.md, drawn (svg.ts) from the results of the `paths` and
 * `sync-window` benches:
 * - bench-paths-throughput.svg: task lifecycles per second with 16 clients, per store and path,
 *   each bar with its round-trip limit (the plain call rate of the same server / round trips of
 *   a lifecycle), and the SDK's task stack beside ours on the in-memory store;
 * - bench-paths-latency.svg: the latency of one lifecycle (median, p99 whisker) with one client,
 *   each bar with its round-trip limit (the plain call's median x round trips);
 * - bench-sync-window.svg: when a polling 2026 client sees a call's result, per work duration and
 *   sync window, against the work's own duration.
 * `npm run bench` draws them after a full (not BENCH_QUICK) run of those modules; this file also
 * redraws them from saved results: `node dist/bench/charts.js docs/bench/paths.json [dir]`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './harness.js';
import { barChartSvg, type Bar, type BarChart } from './svg.js';

export interface BenchMeta {
  date: string;
  node: string;
  machine: { cpus: number; model: string; platform: string; arch: string; memoryGiB: number; loadAverage: number[] };
  quick: boolean;
}

const PATH_COLORS: Record<string, string> = {
  '2025 stateful': '#2e86c1',
  '2025 stateless': '#85c1e9',
  '2026': '#28b463',
  '2026 task': '#abebc6',
  'SDK 1.x (20 ms poll)': '#a6acaf',
};
const PATHS = ['2025 stateful', '2025 stateless', '2026', '2026 task'];
const SDK = 'SDK 1.x (20 ms poll)';
const STORE_LABELS: Record<string, string> = { memory: 'in-memory', dynamodb: 'DynamoDB (dynalite)', postgres: 'PostgreSQL' };
const WINDOW_COLORS = ['#d5d8dc', '#aed6f1', '#28b463', '#5dade2', '#1f618d'];

const num = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);

function find(results: readonly BenchResult[], name: string, subject: string, store: string, concurrency: number): BenchResult | undefined {
  return results.find(
    (r) => r.bench === 'paths' && r.name === name && r.subject === subject && r.extra?.store === store && r.param === concurrency,
  );
}

function storesOf(results: readonly BenchResult[]): string[] {
  return [...new Set(results.filter((r) => r.bench === 'paths').map((r) => String(r.extra?.store)))];
}

function caption(meta: BenchMeta): string {
  return `${meta.date.slice(0, 10)}, ${meta.machine.cpus} x ${meta.machine.model}, node ${meta.node}, load ${meta.machine.loadAverage.map((l) => l.toFixed(1)).join('/')}`;
}

/** Lifecycles per second (16 clients) per store and path, with the round-trip limit and the SDK peer. */
export function throughputChart(results: readonly BenchResult[], meta: BenchMeta): BarChart {
  const groups = storesOf(results).map((store) => {
    const bars: Bar[] = [];
    for (const path of PATHS) {
      const life = find(results, 'lifecycle', path, store, 16);
      if (!life) continue;
      const plain = path === '2026 task' ? undefined : find(results, 'plain', path, store, 16);
      bars.push({ series: path, value: life.value, limit: plain ? plain.value / num(life.extra?.roundTrips) : undefined });
    }
    const sdk = store === 'memory' ? results.find((r) => r.bench === 'paths' && r.subject === SDK && r.param === 16) : undefined;
    if (sdk) bars.push({ series: SDK, value: sdk.value });
    return { label: STORE_LABELS[store] ?? store, bars };
  });
  return {
    title: 'Task lifecycles per second, 16 clients (higher is better)',
    subtitle: caption(meta),
    unit: 'lifecycles/s',
    groups,
    series: [...PATHS, SDK].map((name) => ({ name, color: PATH_COLORS[name]! })),
    limitLabel: 'round-trip limit (plain calls/s / round trips)',
  };
}

/** The latency of one lifecycle (one client): median bars, p99 whiskers, the round-trip limit. */
export function latencyChart(results: readonly BenchResult[], meta: BenchMeta): BarChart {
  const groups = storesOf(results).map((store) => {
    const bars: Bar[] = [];
    for (const path of PATHS) {
      const life = find(results, 'lifecycle', path, store, 1);
      if (!life) continue;
      const plain = find(results, 'plain', path === '2026 task' ? '2026' : path, store, 1);
      bars.push({
        series: path,
        value: num(life.extra?.p50Ms),
        whisker: num(life.extra?.p99Ms),
        limit: plain ? num(plain.extra?.p50Ms) * num(life.extra?.roundTrips) : undefined,
      });
    }
    const sdk = store === 'memory' ? results.find((r) => r.bench === 'paths' && r.subject === SDK && r.param === 1) : undefined;
    if (sdk) bars.push({ series: SDK, value: num(sdk.extra?.p50Ms), whisker: num(sdk.extra?.p99Ms) });
    return { label: STORE_LABELS[store] ?? store, bars };
  });
  return {
    title: 'Latency of one task lifecycle, 1 client (lower is better)',
    subtitle: caption(meta),
    unit: 'ms (median; whisker: p99)',
    groups,
    series: [...PATHS, SDK].map((name) => ({ name, color: PATH_COLORS[name]! })),
    limitLabel: 'round-trip limit (plain call median x round trips)',
    whiskerLabel: 'p99',
  };
}

/** When a polling 2026 client sees a call's result, per work duration and window. */
export function syncWindowChart(results: readonly BenchResult[], meta: BenchMeta): BarChart {
  const seen = results.filter((r) => r.bench === 'sync-window' && r.name === 'seen (median)');
  const windows = [...new Set(seen.map((r) => num(r.extra?.windowMs)))].sort((a, b) => a - b);
  const works = [...new Set(seen.map((r) => num(r.extra?.workMs)))].sort((a, b) => a - b);
  const groups = works.map((work) => ({
    label: `${work} ms`,
    bars: windows.flatMap((w) =>
      seen
        .filter((r) => num(r.extra?.windowMs) === w && num(r.extra?.workMs) === work)
        .map((r) => ({ series: `window ${w} ms`, value: r.value, limit: work })),
    ),
  }));
  return {
    title: 'When a 2026 client polling as told sees the result, per sync window (lower is better)',
    subtitle: `work of each duration (x axis), one server per window; ${caption(meta)}`,
    unit: 'ms from tools/call (median)',
    groups,
    series: windows.map((w, i) => ({ name: `window ${w} ms`, color: WINDOW_COLORS[i % WINDOW_COLORS.length]! })),
    limitLabel: "the work's own duration",
  };
}

/** Write the charts the results allow into `dir`; returns the files written. */
export function drawCharts(results: readonly BenchResult[], meta: BenchMeta, dir: string): string[] {
  const written: string[] = [];
  const write = (name: string, chart: BarChart) => {
    const file = join(dir, name);
    writeFileSync(file, barChartSvg(chart));
    written.push(file);
  };
  if (results.some((r) => r.bench === 'paths')) {
    write('bench-paths-throughput.svg', throughputChart(results, meta));
    write('bench-paths-latency.svg', latencyChart(results, meta));
  }
  if (results.some((r) => r.bench === 'sync-window' && r.name === 'seen (median)'))
    write('bench-sync-window.svg', syncWindowChart(results, meta));
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, dir = 'docs/img'] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node dist/bench/charts.js RESULTS.json [DIR]');
    process.exitCode = 2;
  } else {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { meta: BenchMeta; results: BenchResult[] };
    for (const written of drawCharts(saved.results, saved.meta, dir)) console.log(`wrote ${written}`);
  }
}
