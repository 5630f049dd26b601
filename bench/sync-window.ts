/**
 * The sync window of the 2026 leg (issue 23 item 1), two parts, each against the reference
 * server as a child process (bench/processes.ts) on loopback HTTP:
 *
 * 1. Cost (bench/fast-server.ts): a tool that ends at once called by a client declaring the Tasks
 *    extension (answered inline, within the window) against two plain calls: the same client
 *    calling the tool's never-a-task twin (only the window differs), and a client not declaring
 *    the extension; ROUNDS interleaved rounds in one server process, 1 and 16 clients; the median
 *    of each and their ratio (rate and the server's CPU per call).
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
import { fileURLToPath } from 'node:url';
import { REFERENCE_SERVER, startServerProcess, type ServerProcess } from './processes.js';
import { WireClient } from './wire-client.js';

const BENCH = 'sync-window';
const FAST_SERVER = fileURLToPath(new URL('./fast-server.js', import.meta.url));
const ROUNDS = QUICK ? 2 : 7;
const ROUND_MS = QUICK ? 300 : 1_200;
const FLAGS = ['--port', '0', '--rate-limit', '0', '--requests-per-second', '0', '--shutdown-grace-ms', '0'];
const WINDOWS = [0, 25, 50, 100, 200];
const DURATIONS = [0, 10, 25, 40, 50, 60, 100, 150, 250];
const RUNS = QUICK ? 2 : 6;
const TOKENS = 2_000;
let nextToken = 0;
const token = () => `bench-${nextToken++ % TOKENS}`;

type Subject = 'inline' | 'sync twin' | 'plain';
/** What each subject sends: `fast` from a declaring client (inline), its never-a-task twin from the same client, `fast` from a client not declaring the extension. */
const CALLS: Record<Subject, { tool: string; declare: boolean }> = {
  inline: { tool: 'fast', declare: true },
  'sync twin': { tool: 'fast_sync', declare: true },
  plain: { tool: 'fast', declare: false },
};

/** `subject`'s call from `concurrency` clients for `ms`: calls per second and server CPU per call. */
async function drive(
  server: ServerProcess,
  subject: Subject,
  concurrency: number,
  ms: number,
): Promise<{ perSecond: number; cpuMs: number }> {
  const clients = Array.from({ length: concurrency }, () => new WireClient(server.url, '2026', token()));
  const { tool, declare } = CALLS[subject];
  let done = 0;
  const cpu0 = server.cpuMs();
  const start = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() - start < ms) {
        const reply = await client.call('tools/call', { name: tool, arguments: {} }, declare);
        if (reply.result?.resultType !== 'complete') throw new Error(`${subject}: ${JSON.stringify(reply)}`);
        done++;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  for (const client of clients) client.close();
  return { perSecond: done / seconds, cpuMs: (server.cpuMs() - cpu0) / done };
}

async function cost(tokens: string, results: BenchResult[]): Promise<void> {
  const server = await startServerProcess(FAST_SERVER, [tokens]);
  const rows: Record<string, string>[] = [];
  const subjects = Object.keys(CALLS) as Subject[];
  try {
    for (const concurrency of [1, 16]) {
      for (const subject of subjects) await drive(server, subject, concurrency, ROUND_MS);
      const rounds = new Map<Subject, { perSecond: number; cpuMs: number }[]>(subjects.map((s) => [s, []]));
      for (let round = 0; round < ROUNDS; round++)
        for (const subject of subjects) rounds.get(subject)!.push(await drive(server, subject, concurrency, ROUND_MS));
      const rate = (s: Subject) => median(rounds.get(s)!.map((r) => r.perSecond));
      const cpu = (s: Subject) => median(rounds.get(s)!.map((r) => r.cpuMs));
      for (const baseline of ['sync twin', 'plain'] as const) {
        const time = rate(baseline) / rate('inline');
        const cpuRatio = cpu('inline') / cpu(baseline);
        rows.push({
          clients: String(concurrency),
          baseline,
          'baseline calls/s': fmtOps(rate(baseline)),
          'inline calls/s': fmtOps(rate('inline')),
          'cost ratio (time)': `${time.toFixed(2)}x`,
          'CPU baseline': fmtMs(cpu(baseline)),
          'CPU inline': fmtMs(cpu('inline')),
          'cost ratio (CPU)': `${cpuRatio.toFixed(2)}x`,
        });
        results.push({
          bench: BENCH,
          name: `fast tool inline vs ${baseline} (cost ratio)`,
          subject: '2026 window',
          param: concurrency,
          value: time,
          unit: 'x',
          extra: {
            baselinePerSecond: rate(baseline),
            inlinePerSecond: rate('inline'),
            baselineCpuMs: cpu(baseline),
            inlineCpuMs: cpu('inline'),
            cpuRatio,
          },
        });
      }
    }
  } finally {
    await server.stop();
  }
  console.log(
    `a tool that ends at once on the 2026 leg, answered inline, against a plain call (median of ${ROUNDS} interleaved rounds; > 1: the window costs more)`,
  );
  console.log(
    '  sync twin: the same client (declaring the extension) calling the same tool declared never a task; plain: a client not declaring it',
  );
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
        results.push({
          bench: BENCH,
          name: 'seen (median)',
          subject: `window ${windowMs} ms`,
          param: ms,
          value: figure.seenMs,
          unit: 'ms',
          extra: { requests: figure.requests, windowMs, workMs: ms },
        });
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
