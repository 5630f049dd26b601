/**
 * Bench: the server integration (`withTasks` + `registerTool` on our `InMemoryTaskStore`) against
 * the SDK's own experimental task stack (`registerToolTask` + its `InMemoryTaskStore` and
 * `InMemoryTaskMessageQueue`), both behind an McpServer, driven by an SDK `Client` over
 * `InMemoryTransport` with the SAME raw requests.
 *
 * 1. Throughput: one op = one task's lifecycle: `tools/call` with `task` (-> CreateTaskResult),
 *    `tasks/get`, `tasks/result`; the tool returns at once. Both servers start the tool's work
 *    one event-loop turn after creating the task (ours: the engine's setImmediate; the SDK's
 *    createTask handler: a setImmediate before storeTaskResult), so the task is still `working`
 *    when the CreateTaskResult arrives. Two variants:
 *    - "result at once": tasks/get and tasks/result follow immediately. Ours wakes the waiting
 *      tasks/result on the task's write; the SDK's tasks/result sleeps pollInterval (5 ms here)
 *      and re-reads.
 *    - "result after completion": the client yields one event-loop turn after the
 *      CreateTaskResult, by which time both tasks are completed (tasks/get checks it), so no
 *      tasks/result waits: this compares the request-handling overhead alone.
 *    Each variant runs one task at a time and with CONCURRENCY tasks in flight; interleaved
 *    rounds, the median round is reported, with the ratio ours/sdk.
 * 2. Completion latency: a tasks/result is waiting while the tool is blocked on a promise; the
 *    time from resolving that promise (performance.now() right before) to the client's
 *    tasks/result resolving. The release comes after a random 2..52 ms, so the SDK's poll phase
 *    is sampled uniformly. The SDK's default pollInterval (1000 ms) would be unfair; it gets 50 ms.
 *
 * Only prints; never asserts a timing.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CallToolResultSchema, CreateTaskResultSchema, GetTaskResultSchema } from '@modelcontextprotocol/sdk/types.js';
import {
  QUICK,
  fmtMs,
  fmtOps,
  measureOps,
  medianMeasurement,
  printTable,
  ratio,
  settle,
  type BenchResult,
  type Measurement,
} from './harness.js';
import { oursRig, releaseGate, resetGate, sdkRig, TTL_MS, type Rig } from './server-rigs.js';

const BENCH = 'server';
const SDK_POLL_MS = 5;
const SDK_LATENCY_POLL_MS = 50;
const CONCURRENCY = 16;
const ROUNDS = QUICK ? 1 : 3;
const LATENCY_SAMPLES = QUICK ? 20 : 200;
const LATENCY_WARMUP = QUICK ? 3 : 20;

const SUBJECTS = [
  { name: 'ours', rig: oursRig },
  { name: 'sdk', rig: () => sdkRig(SDK_POLL_MS) },
] as const;

// --- 1. throughput ----------------------------------------------------------------------------

/** Lifecycles whose tasks/get did not show `completed` in the "after completion" variant. */
let notCompleted = 0;
let n = 0;

async function lifecycle(client: Client, afterCompletion: boolean): Promise<void> {
  const arg = ++n % 1000;
  const { task } = await client.request(
    { method: 'tools/call', params: { name: 'square', arguments: { n: arg }, task: { ttl: TTL_MS } } },
    CreateTaskResultSchema,
  );
  if (afterCompletion) await new Promise<void>((r) => setImmediate(r));
  const got = await client.request({ method: 'tasks/get', params: { taskId: task.taskId } }, GetTaskResultSchema);
  if (afterCompletion && got.status !== 'completed') notCompleted++;
  const result = await client.request({ method: 'tasks/result', params: { taskId: task.taskId } }, CallToolResultSchema);
  const first = result.content[0];
  if (first?.type !== 'text' || first.text !== String(arg * arg)) throw new Error(`bench: wrong result ${JSON.stringify(result)}`);
}

interface Config {
  variant: string;
  afterCompletion: boolean;
  inFlight: number;
}
const CONFIGS: readonly Config[] = [
  { variant: 'result at once', afterCompletion: false, inFlight: 1 },
  { variant: 'result at once', afterCompletion: false, inFlight: CONCURRENCY },
  { variant: 'result after completion', afterCompletion: true, inFlight: 1 },
  { variant: 'result after completion', afterCompletion: true, inFlight: CONCURRENCY },
];

const key = (c: Config, subject: string) => `${c.variant}|${c.inFlight}|${subject}`;

/** Every config for both subjects, ROUNDS interleaved rounds: measurements by `key`. */
async function throughputRounds(): Promise<Map<string, Measurement[]>> {
  const rounds = new Map<string, Measurement[]>();
  // Warm the code both subjects share (Client, Protocol, zod) before the first measured round.
  for (const subject of SUBJECTS) {
    const rig = await subject.rig();
    const until = performance.now() + (QUICK ? 250 : 500);
    while (performance.now() < until) await lifecycle(rig.client, true);
    await rig.close();
  }
  for (let r = 0; r < ROUNDS; r++) {
    for (const config of CONFIGS) {
      // Alternate which subject goes first, so neither always runs right after the other.
      for (const subject of r % 2 === 0 ? SUBJECTS : [...SUBJECTS].reverse()) {
        settle();
        const rig = await subject.rig();
        const op =
          config.inFlight === 1
            ? () => lifecycle(rig.client, config.afterCompletion)
            : () => Promise.all(Array.from({ length: config.inFlight }, () => lifecycle(rig.client, config.afterCompletion)));
        const m = await measureOps(`${subject.name} ${config.variant} x${config.inFlight}`, op, { minTimeMs: 1000, warmupMs: 250 });
        await rig.close();
        const list = rounds.get(key(config, subject.name)) ?? [];
        list.push(m);
        rounds.set(key(config, subject.name), list);
      }
    }
  }
  return rounds;
}

async function throughput(): Promise<BenchResult[]> {
  const name = 'lifecycle (tools/call+tasks/get+tasks/result)';
  const rounds = await throughputRounds();
  console.log(`${name}, tasks/s (the tool returns at once; ${ROUNDS} interleaved round(s), median shown; target ours/sdk >= 2x)`);
  const results: BenchResult[] = [];
  const rows = CONFIGS.map((config) => {
    const per = (subject: string) => {
      const m = medianMeasurement(rounds.get(key(config, subject))!);
      return { m, tasksPerSec: m.opsPerSec * config.inFlight, all: rounds.get(key(config, subject))! };
    };
    const o = per('ours');
    const s = per('sdk');
    const param = `${config.variant}, ${config.inFlight} in flight`;
    for (const [subject, x] of [
      ['ours', o],
      ['sdk', s],
    ] as const) {
      results.push({
        bench: BENCH,
        name,
        subject,
        param,
        value: x.tasksPerSec,
        unit: 'ops/s',
        extra: { p50Ms: x.m.p50Ms, p99Ms: x.m.p99Ms, rounds: x.all.map((a) => Math.round(a.opsPerSec * config.inFlight)).join(',') },
      });
    }
    results.push({ bench: BENCH, name, subject: 'ours/sdk', param, value: o.tasksPerSec / s.tasksPerSec, unit: 'x' });
    return {
      variant: config.variant,
      'in flight': config.inFlight,
      'ours tasks/s': fmtOps(o.tasksPerSec),
      'sdk tasks/s': fmtOps(s.tasksPerSec),
      'ours/sdk': ratio(o.tasksPerSec, s.tasksPerSec),
      'ours p50/p99 ms per op': `${o.m.p50Ms.toFixed(3)} / ${o.m.p99Ms.toFixed(3)}`,
      'sdk p50/p99 ms per op': `${s.m.p50Ms.toFixed(3)} / ${s.m.p99Ms.toFixed(3)}`,
      'ours rounds': o.all.map((a) => fmtOps(a.opsPerSec * config.inFlight)).join(' / '),
      'sdk rounds': s.all.map((a) => fmtOps(a.opsPerSec * config.inFlight)).join(' / '),
    };
  });
  printTable(rows);
  console.log(
    `(sdk pollInterval ${SDK_POLL_MS} ms: in "result at once" its tasks/result finds the task working and sleeps pollInterval` +
      ` before re-reading; ours is woken by the task's write. In "result after completion" the client yields one event-loop` +
      ` turn first so both tasks are completed and no tasks/result waits; tasks/get saw a task not yet completed` +
      ` ${notCompleted} time(s). An op with ${CONCURRENCY} in flight is one batch of ${CONCURRENCY} lifecycles.)`,
  );
  return results;
}

// --- 2. completion -> waiting tasks/result latency ------------------------------------------------

async function completionLatency(rig: Rig): Promise<number[]> {
  const { client } = rig;
  const samples: number[] = [];
  for (let i = 0; i < LATENCY_WARMUP + LATENCY_SAMPLES; i++) {
    resetGate();
    const { task } = await client.request(
      { method: 'tools/call', params: { name: 'gated', arguments: { n: i }, task: { ttl: TTL_MS } } },
      CreateTaskResultSchema,
    );
    let resolvedAt = 0;
    const pending = client
      .request({ method: 'tasks/result', params: { taskId: task.taskId } }, CallToolResultSchema)
      .then((result) => ((resolvedAt = performance.now()), result));
    // Let tasks/result park and the tool block; a random delay samples the SDK's poll phase.
    await sleep(2 + Math.random() * SDK_LATENCY_POLL_MS);
    if (resolvedAt !== 0) throw new Error('bench: tasks/result returned before the tool completed');
    const releasedAt = performance.now();
    releaseGate();
    const result = await pending;
    const first = result.content[0];
    if (first?.type !== 'text' || first.text !== String(i * i)) throw new Error(`bench: wrong result ${JSON.stringify(result)}`);
    if (i >= LATENCY_WARMUP) samples.push(resolvedAt - releasedAt);
  }
  return samples;
}

function pct(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
}

async function latency(): Promise<BenchResult[]> {
  const name = 'completion -> waiting tasks/result';
  const subjects = [
    { name: 'ours', rig: oursRig },
    { name: `sdk (pollInterval ${SDK_LATENCY_POLL_MS} ms)`, rig: () => sdkRig(SDK_LATENCY_POLL_MS) },
  ];
  const rows: Record<string, string | number>[] = [];
  const results: BenchResult[] = [];
  for (const subject of subjects) {
    settle();
    const rig = await subject.rig();
    const samples = await completionLatency(rig);
    await rig.close();
    const p50 = pct(samples, 0.5);
    const p99 = pct(samples, 0.99);
    const max = Math.max(...samples);
    rows.push({ subject: subject.name, samples: samples.length, median: fmtMs(p50), p99: fmtMs(p99), max: fmtMs(max) });
    results.push({
      bench: BENCH,
      name,
      subject: subject.name,
      value: p50,
      unit: 'ms',
      extra: { p50Ms: p50, p99Ms: p99, maxMs: max, samples: samples.length },
    });
  }
  console.log(`${name} latency (target ours < 5 ms)`);
  printTable(rows);
  console.log(
    `(from performance.now() right before resolving the blocked tool's promise to the client's tasks/result resolving;` +
      ` the SDK's default pollInterval of 1000 ms would be unfair, so it gets ${SDK_LATENCY_POLL_MS} ms: its tasks/result` +
      ` sleeps pollInterval between reads, so its latency is spread over 0..${SDK_LATENCY_POLL_MS} ms)`,
  );
  return results;
}

export async function run(): Promise<BenchResult[]> {
  const results = [...(await throughput())];
  console.log('');
  results.push(...(await latency()));
  return results;
}
