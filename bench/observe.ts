/**
 * Bench: the cost of watching (issue 22). One task lifecycle (`tools/call` as a task, `tasks/get`,
 * `tasks/result`; the tool returns at once) over an SDK `Client`, on otherwise identical servers
 * in the same process and run (bench/observe-rigs.ts), in process (an in-memory pair: the worst
 * case, a lifecycle costs little else) and over HTTP on loopback through the library's handler
 * (`createTasksHttpHandler`, with or without its `observe` option: what a deployment pays):
 * - off: no metrics, no tracing (the defaults);
 * - on: `TextMetrics` given to the engine, the store wrapped by `measureStore`, OpenTelemetry
 *   tracing (`openTelemetryTracing` on a BasicTracerProvider with an AsyncLocalStorage context
 *   manager and a BatchSpanProcessor to an exporter that drops the spans), and a request span
 *   around each of the three requests, as the HTTP handler makes them (`tracing.request().run`).
 * A third variant has metrics only. Short rounds rotate through the variants; each variant's
 * cost is the median over rounds of its ratio to the "off" round beside it, in time per lifecycle
 * and in this process's CPU per lifecycle (which other processes on a shared machine move less).
 * Goal (docs/measurements.md): at most 5 % slower. Only prints; never asserts a timing.
 */
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, BatchSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { performance } from 'node:perf_hooks';
import { fmtOps, median, printTable, QUICK, settle, type BenchResult } from './harness.js';
import { subject, type Subject } from './observe-rigs.js';

const BENCH = 'observe';
const ROUNDS = QUICK ? 3 : 20;
const ROUND_MS = QUICK ? 200 : 300;

/** Drops what it is given: the cost measured is making and ending spans, not shipping them. */
class DroppingExporter implements SpanExporter {
  spans = 0;
  export(spans: ReadableSpan[], done: (result: { code: 0 }) => void): void {
    this.spans += spans.length;
    done({ code: 0 });
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

const VARIANTS = [
  { name: 'off', label: 'in process: off (no metrics, no tracing)', metrics: false, tracing: false, http: false },
  { name: 'metrics', label: 'in process: metrics + store timing', metrics: true, tracing: false, http: false },
  { name: 'on', label: 'in process: on (metrics + store timing + spans)', metrics: true, tracing: true, http: false },
  { name: 'http-off', label: 'HTTP: off', metrics: false, tracing: false, http: true },
  { name: 'http-on', label: "HTTP: on (the handler's observe)", metrics: true, tracing: true, http: true },
] as const;

/** The variant each one is compared with (its "off"). */
const BASE: readonly number[] = [0, 0, 0, 3, 3];

interface Round {
  opsPerSec: number;
  /** CPU time of this process per lifecycle (µs): less moved by other processes than the rate. */
  cpuUs: number;
}

/** Lifecycles one after another for `ms` (after a short warmup): the rate and the CPU per lifecycle. */
async function round(s: Subject, ms: number): Promise<Round> {
  const warm = performance.now() + ms / 4;
  while (performance.now() < warm) await s.lifecycle();
  const cpu = process.cpuUsage();
  const start = performance.now();
  let ops = 0;
  while (performance.now() - start < ms) {
    await s.lifecycle();
    ops++;
  }
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { opsPerSec: ops / (wall / 1000), cpuUs: (used.user + used.system) / ops };
}

export async function run(): Promise<BenchResult[]> {
  const manager = new AsyncLocalStorageContextManager();
  // The context manager is on for every variant: it is the application's, not ours to count.
  context.setGlobalContextManager(manager.enable());
  const exporter = new DroppingExporter();
  const provider = new BasicTracerProvider({
    spanProcessors: [new BatchSpanProcessor(exporter, { maxQueueSize: 65_536, maxExportBatchSize: 4096, scheduledDelayMillis: 200 })],
  });
  const subjects = await Promise.all(VARIANTS.map((v) => subject({ ...v, provider })));
  const rounds: Round[][] = VARIANTS.map(() => []);
  try {
    // Short rounds in a rotating order: a busy machine moves every variant alike, and each
    // variant's ratio to the "off" round beside it cancels most of the drift.
    for (let r = 0; r < ROUNDS; r++) {
      for (let k = 0; k < VARIANTS.length; k++) {
        const i = (r + k) % VARIANTS.length;
        settle();
        // An HTTP lifecycle costs 20 times an in-process one: longer rounds for as many samples.
        rounds[i]!.push(await round(subjects[i]!, VARIANTS[i]!.http ? 3 * ROUND_MS : ROUND_MS));
      }
    }
    await provider.forceFlush();
  } finally {
    for (const s of subjects) await s.close();
    await provider.shutdown();
    manager.disable();
    context.disable();
  }
  /** Median over rounds of the variant's cost against its "off" round beside it, in percent. */
  const slower = (i: number) => median(rounds[i]!.map((m, r) => (rounds[BASE[i]!]![r]!.opsPerSec / m.opsPerSec - 1) * 100));
  const moreCpu = (i: number) => median(rounds[i]!.map((m, r) => (m.cpuUs / rounds[BASE[i]!]![r]!.cpuUs - 1) * 100));
  console.log(
    `one lifecycle (tools/call task + tasks/get + tasks/result), in process and over HTTP on loopback (client in this process); ${ROUNDS} rounds of ${ROUND_MS / 1000} s per variant (HTTP ${(3 * ROUND_MS) / 1000} s), rotating order; spans exported: ${exporter.spans}`,
  );
  printTable(
    VARIANTS.map((v, i) => ({
      variant: v.label,
      'lifecycles/s': fmtOps(median(rounds[i]!.map((m) => m.opsPerSec))),
      'CPU/lifecycle': `${Math.round(median(rounds[i]!.map((m) => m.cpuUs)))} µs`,
      'time vs off': BASE[i] === i ? '' : `${signed(slower(i))} %`,
      'CPU vs off': BASE[i] === i ? '' : `${signed(moreCpu(i))} %`,
    })),
  );
  console.log('goal: "on" at most 5 % slower than "off" (medians of the per-round ratios; CPU includes the client)');
  return VARIANTS.map((v, i) => ({
    bench: BENCH,
    name: 'lifecycle',
    subject: v.name,
    value: median(rounds[i]!.map((m) => m.opsPerSec)),
    unit: 'ops/s' as const,
    extra: {
      cpuUsPerLifecycle: Math.round(median(rounds[i]!.map((m) => m.cpuUs))),
      ...(BASE[i] !== i && { timeVsOffPercent: Number(slower(i).toFixed(1)), cpuVsOffPercent: Number(moreCpu(i).toFixed(1)) }),
    },
  }));
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;
}
