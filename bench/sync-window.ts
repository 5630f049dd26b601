/**
 * The sync window of the 2026 leg (issue 23 item 1), two parts, each against the reference
 * server as a child process (bench/processes.ts) on loopback HTTP:
 *
 * 1. Cost: a tool that ends at once (`delay`, `ms` 0) called by a client declaring the Tasks
 *    extension (answered inline, within the window) against the same call from a client that does
 *    not declare it (a plain call: the baseline), ROUNDS interleaved rounds in one server process,
 *    1 and 16 clients; the median of each and their ratio (rate and the server's CPU per call).
 * 2. The default window: for tools of several durations and several windows (one server each,
 *    `--sync-window-ms`), when a client following `pollIntervalMs` sees the result ("seen", from
 *    its `tools/call`) and how many requests that took. A call longer than the window is polled
 *    as before; one within it is answered at its end. Only prints.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fmtMs, fmtOps, median, printTable, QUICK, type BenchResult } from './harness.js';
import { REFERENCE_SERVER, startServerProcess, type ServerProcess } from './processes.js';
import { operate, WireClient, type Operation } from './wire-client.js';

const BENCH = 'sync-window';
const ROUNDS = QUICK ? 2 : 5;
const ROUND_MS = QUICK ? 300 : 1_200;
const FLAGS = ['--port', '0', '--rate-limit', '0', '--requests-per-second', '0', '--shutdown-grace-ms', '0'];
const WINDOWS = [0, 25, 50, 100, 200];
const DURATIONS = [0, 10, 25, 40, 60, 100, 150, 250];
const RUNS = QUICK ? 2 : 6;
const TOKENS = 2_000;
let nextToken = 0;
const token = () => `bench-${nextToken++ % TOKENS}`;

/** `operation` from `concurrency` clients for `ms`: calls per second and server CPU per call. */
async function drive(server: ServerProcess, operation: Operation, concurrency: number, ms: number): Promise<{ perSecond: number; cpuMs: number }> {
  const clients = Array.from({ length: concurrency }, () => new WireClient(server.url, '2026', token()));
  let done = 0;
  const cpu0 = server.cpuMs();
  const start = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() - start < ms) {
        if (!(await operate(client, operation, { name: 'delay', arguments: { ms: 0 } }))) throw new Error(`${operation}: unexpected answer`);
        done++;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  for (const client of clients) client.close();
  return { perSecond: done / seconds, cpuMs: (server.cpuMs() - cpu0) / done };
}

async function cost(tokens: string, results: BenchResult[]): Promise<void> {
  const server = await startServerProcess(REFERENCE_SERVER, [...FLAGS, '--tokens', tokens]);
  const rows: Record<string, string>[] = [];
  try {
    for (const concurrency of [1, 16]) {
      await drive(server, 'plain', concurrency, ROUND_MS);
      await drive(server, 'lifecycle', concurrency, ROUND_MS);
      const plain: { perSecond: number; cpuMs: number }[] = [];
      const inline: { perSecond: number; cpuMs: number }[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        plain.push(await drive(server, 'plain', concurrency, ROUND_MS));
        inline.push(await drive(server, 'lifecycle', concurrency, ROUND_MS));
      }
      const rate = { plain: median(plain.map((p) => p.perSecond)), inline: median(inline.map((p) => p.perSecond)) };
      const cpu = { plain: median(plain.map((p) => p.cpuMs)), inline: median(inline.map((p) => p.cpuMs)) };
      const costRatio = rate.plain / rate.inline;
      rows.push({ clients: String(concurrency), 'plain calls/s': fmtOps(rate.plain), 'inline (window) calls/s': fmtOps(rate.inline), 'cost ratio (time)': `${costRatio.toFixed(2)}x`, 'CPU plain': fmtMs(cpu.plain), 'CPU inline': fmtMs(cpu.inline), 'cost ratio (CPU)': `${(cpu.inline / cpu.plain).toFixed(2)}x` });
      results.push({ bench: BENCH, name: 'fast tool inline vs plain call (cost ratio)', subject: '2026 window', param: concurrency, value: costRatio, unit: 'x', extra: { plainPerSecond: rate.plain, inlinePerSecond: rate.inline, plainCpuMs: cpu.plain, inlineCpuMs: cpu.inline, cpuRatio: cpu.inline / cpu.plain } });
    }
  } finally {
    await server.stop();
  }
  console.log(`a fast tool on the 2026 leg, answered inline, against a plain call (median of ${ROUNDS} interleaved rounds; ratio > 1: the window costs more)`);
  printTable(rows);
}

/** One call of `delay` lasting `ms`, polled as told: when its result was seen, and requests sent. */
async function seen(client: WireClient, ms: number): Promise<{ seenMs: number; requests: number }> {
  const t0 = performance.now();
  let reply = await client.call('tools/call', { name: 'delay', arguments: { ms } });
  let requests = 1;
  while (reply.result?.resultType === 'task' || (reply.result?.taskId !== undefined && reply.result.status !== 'completed')) {
    await new Promise((resolve) => setTimeout(resolve, Number(reply.result!.pollIntervalMs ?? 50)));
    reply = await client.call('tasks/get', { taskId: reply.result!.taskId as string });
    requests++;
  }
  if (reply.error) throw new Error(`delay ${ms}: ${reply.error.message}`);
  return { seenMs: performance.now() - t0, requests };
}

async function windows(tokens: string, results: BenchResult[]): Promise<void> {
  const rows: Record<string, string>[] = [];
  const byWindow = new Map<number, Map<number, { seenMs: number; requests: number }>>();
  for (const windowMs of WINDOWS) {
    const server = await startServerProcess(REFERENCE_SERVER, [...FLAGS, '--tokens', tokens, '--sync-window-ms', String(windowMs)]);
    const client = new WireClient(server.url, '2026', token());
    const table = new Map<number, { seenMs: number; requests: number }>();
    try {
      for (let i = 0; i < 20; i++) await seen(client, 0); // warm up
      for (const ms of DURATIONS) {
        const runs = [];
        for (let i = 0; i < RUNS; i++) runs.push(await seen(client, ms));
        const figure = { seenMs: median(runs.map((r) => r.seenMs)), requests: median(runs.map((r) => r.requests)) };
        table.set(ms, figure);
        results.push({ bench: BENCH, name: 'seen (median)', subject: `window ${windowMs} ms`, param: ms, value: figure.seenMs, unit: 'ms', extra: { requests: figure.requests, windowMs, workMs: ms } });
      }
    } finally {
      client.close();
      await server.stop();
    }
    byWindow.set(windowMs, table);
  }
  for (const ms of DURATIONS) {
    const row: Record<string, string> = { work: `${ms} ms` };
    for (const windowMs of WINDOWS) {
      const f = byWindow.get(windowMs)!.get(ms)!;
      row[`W=${windowMs}`] = `${f.seenMs.toFixed(0)} ms / ${f.requests}`;
    }
    rows.push(row);
  }
  console.log(`\nwhen a client sees the result (median of ${RUNS}, from its tools/call) / requests it sent, per window W (a server each)`);
  printTable(rows);
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'mcp-tasks-window-'));
  const tokens = join(dir, 'tokens.json');
  writeFileSync(tokens, JSON.stringify(Object.fromEntries(Array.from({ length: TOKENS }, (_, i) => [`bench-${i}`, `owner-${i}`]))));
  try {
    await cost(tokens, results);
    await windows(tokens, results);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
