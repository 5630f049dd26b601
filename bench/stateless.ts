/**
 * Stateless serving against serving in sessions, on the same store (issue 23 item 2): two
 * reference-server processes at once, one `--stateless`, one with sessions, on one in-memory
 * store each, then on one dynalite table (both on it). ROUNDS interleaved rounds of each
 * operation from CONCURRENCY clients (each its own owner), alternating the two servers, so a
 * load change on the machine falls on both:
 * - `plain`: `tools/call` of `delay` (`ms` 0) without a task: one POST;
 * - `lifecycle`: `tools/call` with `task`, then `tasks/result`: two POSTs.
 * Reported per operation: the medians of calls per second and of the server's CPU per call (from
 * /proc, its own process), and stateless / sessions. `MCP_TASKS_BENCH_SERVER=path/to/main.js`
 * runs another build of the reference server (e.g. the one before a change). Only prints.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startBackend, type Backend } from '../test/topology/backends.js';
import { fmtMs, fmtOps, median, printTable, QUICK, type BenchResult } from './harness.js';
import { REFERENCE_SERVER, startServerProcess, type ServerProcess } from './processes.js';
import { operate, WireClient, type Operation, type Wire } from './wire-client.js';

const BENCH = 'stateless';
const SERVER = process.env.MCP_TASKS_BENCH_SERVER ?? REFERENCE_SERVER;
const ROUNDS = QUICK ? 2 : 5;
const ROUND_MS = QUICK ? 300 : 1_500;
const CONCURRENCY = 16;
const ROTATE = 150;
const TOKENS = 20_000;
const FLAGS = ['--port', '0', '--rate-limit', '0', '--requests-per-second', '0', '--shutdown-grace-ms', '0'];
const STORES = (process.env.MCP_TASKS_BENCH_STORES?.split(/[ ,]+/).filter(Boolean) ?? ['memory', 'dynamodb']).filter(
  (s) => s !== 'postgres',
);
let nextToken = 0;

interface Round {
  perSecond: number;
  cpuMs: number;
}

async function round(server: ServerProcess, wire: Wire, operation: Operation): Promise<Round> {
  let done = 0;
  const cpu0 = server.cpuMs();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() - start < ROUND_MS) {
        const client = new WireClient(server.url, wire, `bench-${nextToken++ % TOKENS}`);
        await client.open();
        for (let i = 0; i < ROTATE && performance.now() - start < ROUND_MS; i++) {
          if (!(await operate(client, operation, { name: 'delay', arguments: { ms: 0 } })))
            throw new Error(`${wire} ${operation}: unexpected answer`);
          done++;
        }
        await client.end();
      }
    }),
  );
  return { perSecond: done / ((performance.now() - start) / 1000), cpuMs: (server.cpuMs() - cpu0) / done };
}

async function compare(
  label: string,
  storeFlags: readonly string[],
  tokens: string,
  results: BenchResult[],
  rows: Record<string, string>[],
): Promise<void> {
  const sessions = await startServerProcess(SERVER, [...FLAGS, '--tokens', tokens, ...storeFlags]);
  const stateless = await startServerProcess(SERVER, [...FLAGS, '--tokens', tokens, '--stateless', ...storeFlags]);
  try {
    for (const operation of ['plain', 'lifecycle'] as const) {
      await round(sessions, '2025', operation);
      await round(stateless, '2025-stateless', operation);
      const a: Round[] = [];
      const b: Round[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        a.push(await round(sessions, '2025', operation));
        b.push(await round(stateless, '2025-stateless', operation));
      }
      const rate = { sessions: median(a.map((r) => r.perSecond)), stateless: median(b.map((r) => r.perSecond)) };
      const cpu = { sessions: median(a.map((r) => r.cpuMs)), stateless: median(b.map((r) => r.cpuMs)) };
      rows.push({
        store: label,
        operation,
        'sessions /s': fmtOps(rate.sessions),
        'stateless /s': fmtOps(rate.stateless),
        'stateless / sessions': `${(rate.stateless / rate.sessions).toFixed(2)}x`,
        'CPU sessions': fmtMs(cpu.sessions),
        'CPU stateless': fmtMs(cpu.stateless),
        'CPU per POST stateless': fmtMs(cpu.stateless / (operation === 'plain' ? 1 : 2)),
      });
      results.push({
        bench: BENCH,
        name: `${operation}: stateless / sessions`,
        subject: label,
        value: rate.stateless / rate.sessions,
        unit: 'x',
        extra: {
          sessionsPerSecond: rate.sessions,
          statelessPerSecond: rate.stateless,
          sessionsCpuMs: cpu.sessions,
          statelessCpuMs: cpu.stateless,
          concurrency: CONCURRENCY,
        },
      });
    }
  } finally {
    await Promise.all([sessions.stop(), stateless.stop()]);
  }
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const rows: Record<string, string>[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'mcp-tasks-stateless-'));
  const tokens = join(dir, 'tokens.json');
  writeFileSync(tokens, JSON.stringify(Object.fromEntries(Array.from({ length: TOKENS }, (_, i) => [`bench-${i}`, `owner-${i}`]))));
  try {
    for (const store of STORES) {
      let backend: Backend | undefined;
      try {
        backend = store === 'memory' ? undefined : await startBackend('dynamodb');
        await compare(store, backend ? [...backend.flags, '--cursor-secret', 'bench'] : [], tokens, results, rows);
      } finally {
        await backend?.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `server: ${SERVER}; ${CONCURRENCY} clients, median of ${ROUNDS} interleaved rounds; CPU: the server process's, per operation`,
  );
  printTable(rows);
  return results;
}
