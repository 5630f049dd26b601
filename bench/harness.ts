/**
 * A small, dependency-free benchmark harness. Benchmarks only measure and print: nothing here
 * (or in any bench module) asserts a timing.
 *
 * `measureOps` runs an async operation in batches, first for a warmup (JIT, caches), then until
 * `minTimeMs` of measured time has passed, timing every call with `performance.now()`. Per-call
 * timing adds a constant of well under a microsecond to each call, equally for every subject.
 *
 * `BENCH_QUICK=1` shortens every duration (CI smoke runs); results are then only indicative.
 */
import { performance } from 'node:perf_hooks';

export const QUICK = process.env.BENCH_QUICK === '1' || process.env.BENCH_QUICK === 'true';

/** One figure a bench module reports; `index.ts` collects them (and writes them as JSON on request). */
export interface BenchResult {
  /** The bench module, e.g. `store-memory`. */
  bench: string;
  /** What was measured, e.g. `lifecycle (create+complete+get)`. */
  name: string;
  /** The subject, e.g. `ours` or `sdk`. */
  subject: string;
  /** A parameter of the measurement, e.g. the number of stored tasks. */
  param?: string | number;
  value: number;
  unit: 'ops/s' | 'ms' | 'x';
  /** Further figures (latency percentiles, rounds). */
  extra?: Record<string, number | string>;
}

/** A bench module: `index.ts` imports it and calls `run()`. */
export interface BenchModule {
  run(): Promise<BenchResult[]>;
}

export interface MeasureOptions {
  /** Measured time to reach, in ms (default 1000; 100 with BENCH_QUICK). */
  minTimeMs?: number;
  /** Unmeasured time before measuring, in ms (default 250; 30 with BENCH_QUICK). */
  warmupMs?: number;
  /** Stop after this many measured calls even before `minTimeMs` (default unlimited). */
  maxOps?: number;
  /** Target duration of one batch in ms; the batch size adapts to it (default 10). */
  batchMs?: number;
}

export interface Measurement {
  name: string;
  /** Measured calls. */
  ops: number;
  /** Wall time of the measured batches, in ms. */
  totalMs: number;
  opsPerSec: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Default durations, shortened by BENCH_QUICK. */
export function defaultTimes(full: { minTimeMs: number; warmupMs: number }): { minTimeMs: number; warmupMs: number } {
  return QUICK ? { minTimeMs: Math.min(full.minTimeMs, 100), warmupMs: Math.min(full.warmupMs, 30) } : full;
}

/** Run `fn` repeatedly (warmup, then measured batches) and report throughput and latency. */
export async function measureOps(name: string, fn: () => Promise<unknown> | unknown, options: MeasureOptions = {}): Promise<Measurement> {
  const { minTimeMs, warmupMs } = defaultTimes({ minTimeMs: options.minTimeMs ?? 1000, warmupMs: options.warmupMs ?? 250 });
  const maxOps = options.maxOps ?? Number.POSITIVE_INFINITY;
  const batchMs = options.batchMs ?? 10;

  // Warmup; also finds a batch size that takes about `batchMs`.
  let batch = 1;
  const warmupEnd = performance.now() + warmupMs;
  do {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) await fn();
    const took = performance.now() - t0;
    if (took < batchMs / 2 && batch < 1 << 20) batch *= 2;
    else if (took > batchMs * 2 && batch > 1) batch = Math.max(1, batch >> 1);
  } while (performance.now() < warmupEnd);

  const samples = new Samples();
  let totalMs = 0;
  while (totalMs < minTimeMs && samples.length < maxOps) {
    const n = Math.min(batch, maxOps - samples.length);
    const batchStart = performance.now();
    let t = batchStart;
    for (let i = 0; i < n; i++) {
      await fn();
      const after = performance.now();
      samples.push(after - t);
      t = after;
    }
    totalMs += t - batchStart;
  }

  const sorted = samples.sorted();
  const ops = sorted.length;
  return {
    name,
    ops,
    totalMs,
    opsPerSec: ops / (totalMs / 1000),
    meanMs: totalMs / ops,
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    maxMs: sorted[ops - 1] ?? 0,
  };
}

/** Grows in chunks so that millions of samples cost no array resizing inside the timed loop. */
class Samples {
  #chunks: Float64Array[] = [new Float64Array(1 << 16)];
  #fill = 0;
  length = 0;
  push(v: number): void {
    let chunk = this.#chunks[this.#chunks.length - 1]!;
    if (this.#fill === chunk.length) {
      chunk = new Float64Array(1 << 16);
      this.#chunks.push(chunk);
      this.#fill = 0;
    }
    chunk[this.#fill++] = v;
    this.length++;
  }
  sorted(): Float64Array {
    const all = new Float64Array(this.length);
    let at = 0;
    for (const chunk of this.#chunks) {
      const part = chunk.subarray(0, Math.min(chunk.length, this.length - at));
      all.set(part, at);
      at += part.length;
    }
    return all.sort();
  }
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The round whose throughput is the median (for odd counts, the middle one; else the lower middle). */
export function medianMeasurement(rounds: readonly Measurement[]): Measurement {
  const s = [...rounds].sort((a, b) => a.opsPerSec - b.opsPerSec);
  const m = s[(s.length - 1) >> 1];
  if (!m) throw new Error('medianMeasurement: no rounds');
  return m;
}

/** `a / b` formatted like `1.37x`. */
export function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(2)}x`;
}

/** Integer with thousands separators: `210,000`. */
export function fmtOps(opsPerSec: number): string {
  return Math.round(opsPerSec).toLocaleString('en-US');
}

/** Milliseconds with three significant decimals for small values: `0.012 ms`. */
export function fmtMs(ms: number): string {
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(3)} ms`;
}

/** `100`, `10k`, `100k`, `1M`. */
export function fmtCount(n: number): string {
  if (n >= 1_000_000 && n % 1_000_000 === 0) return `${n / 1_000_000}M`;
  if (n >= 1000 && n % 1000 === 0) return `${n / 1000}k`;
  return String(n);
}

/** Print rows as an aligned table; the first row's keys (or `columns`) are the header. */
export function printTable(rows: readonly Record<string, string | number>[], columns?: readonly string[]): void {
  if (rows.length === 0) return;
  const cols = columns ?? Object.keys(rows[0]!);
  const cell = (v: string | number | undefined): string => (v === undefined ? '' : typeof v === 'number' ? v.toLocaleString('en-US') : v);
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]): string =>
    values
      .map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  console.log(line(cols.map(String)));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(cols.map((c) => cell(r[c]))));
}

/** Collect garbage between measurements when node runs with --expose-gc; a no-op otherwise. */
export function settle(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc === 'function') gc();
}
