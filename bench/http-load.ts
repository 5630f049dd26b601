/**
 * Bench: throughput of the reference server under load over Streamable HTTP (issue "Bounded
 * resources": "Load: 50 clients 981 lifecycles/s, 200 clients 1,261/s, 0 errors", measured
 * before the bounds were added).
 *
 * A fresh server process per concurrency (in-memory store, `--tokens` with one token per client,
 * so every per-owner and per-client limit applies as in production); this process drives it with
 * N clients, each its own session and owner, each running full lifecycles one after another:
 * `tools/call` of `delay` (ms 0) with `task`, `tasks/get`, `tasks/result`. A fixed count of
 * lifecycles is measured after a warmup; an error is any HTTP status other than 200, a JSON-RPC
 * error, or an answer without the expected field.
 *
 * Limits raised so the load is not refused (everything else at its default): `--rate-limit`
 * (task operations per owner per second, default 100) to 1 000 000, `--requests-per-second`
 * (POSTs per client, default 1 000) off. The defaults that apply and hold the load: 1 000
 * sessions, 100 per client, 10 initialize/s per client, 100 active and 1 000 stored tasks per
 * owner, 256 MiB of tasks in the process.
 *
 * The client is plain `node:http` with keep-alive (one socket per client) so that the client's
 * own cost, which shares the machine, stays small. `MCP_TASKS_BENCH_SERVER=path/to/main.js`
 * drives another build of the server (e.g. an older commit) with the same load
 * (`MCP_TASKS_BENCH_SERVER_FLAGS` replaces the flags above, for builds without some of them);
 * `MCP_TASKS_BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=DIR"` profiles the server.
 *
 * Besides the rate it prints the CPU time the server and the client spent per lifecycle: on a
 * shared machine the rate follows the CPU share the processes get, the CPU per lifecycle much less.
 *
 * Only prints; never asserts a timing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { QUICK, type BenchResult } from './harness.js';

const BENCH = 'http-load';
/** Client counts, one fresh server each; `MCP_TASKS_BENCH_CLIENTS="200"` runs only some. */
const CONCURRENCY = process.env.MCP_TASKS_BENCH_CLIENTS?.split(/[ ,]+/).filter(Boolean).map(Number) ?? [50, 200];
const LIFECYCLES = QUICK ? 1_000 : 10_000;
const WARMUP = QUICK ? 200 : 2_000;
const SERVER = process.env.MCP_TASKS_BENCH_SERVER ?? fileURLToPath(new URL('../reference-server/main.js', import.meta.url));
/** Flags that keep the load from being refused; another build may need others (space-separated). */
const SERVER_FLAGS = process.env.MCP_TASKS_BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? [
  '--rate-limit',
  '1000000',
  '--requests-per-second',
  '0',
];

interface Rpc {
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
}

/** One client: a session of its own token, on one keep-alive socket. */
class LoadClient {
  #id = 0;
  #session: string | undefined;
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 1 });
  constructor(
    readonly url: URL,
    readonly token: string,
  ) {}

  async open(): Promise<void> {
    await this.#post({
      jsonrpc: '2.0',
      id: ++this.#id,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'http-load', version: '1' } },
    });
    if (this.#session === undefined) throw new Error('the server opened no session');
    await this.#post({ jsonrpc: '2.0', method: 'notifications/initialized' });
  }

  /** One lifecycle; resolves true when every answer was as expected. */
  async lifecycle(): Promise<boolean> {
    const created = await this.#call('tools/call', { name: 'delay', arguments: { ms: 0 }, task: { ttl: 600_000 } });
    const taskId = (created.result?.task as { taskId?: string } | undefined)?.taskId;
    if (taskId === undefined) return false;
    const got = await this.#call('tasks/get', { taskId });
    if (typeof got.result?.status !== 'string') return false;
    const result = await this.#call('tasks/result', { taskId });
    return Array.isArray(result.result?.content);
  }

  close(): void {
    this.#agent.destroy();
  }

  #call(method: string, params: Record<string, unknown>): Promise<Rpc> {
    return this.#post({ jsonrpc: '2.0', id: ++this.#id, method, params });
  }

  /** POST one message; the answer is JSON or an SSE stream holding one JSON-RPC response. */
  #post(message: Record<string, unknown>): Promise<Rpc> {
    const body = JSON.stringify(message);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-11-25',
      authorization: `Bearer ${this.token}`,
      'content-length': String(Buffer.byteLength(body)),
    };
    if (this.#session !== undefined) headers['mcp-session-id'] = this.#session;
    return new Promise((resolve, reject) => {
      const req = request(this.url, { method: 'POST', agent: this.#agent, headers }, (res) => {
        const session = res.headers['mcp-session-id'];
        if (typeof session === 'string') this.#session = session;
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve(
            res.statusCode === 200 || res.statusCode === 202
              ? parseAnswer(text)
              : { error: { code: res.statusCode ?? 0, message: 'HTTP' } },
          ),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}

function parseAnswer(text: string): Rpc {
  const payloads = text.startsWith('{')
    ? [text]
    : text
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trim());
  for (const payload of payloads) {
    try {
      const parsed = JSON.parse(payload) as Rpc;
      if (parsed.result !== undefined || parsed.error !== undefined) return parsed;
    } catch {
      // not JSON: keep looking
    }
  }
  return {};
}

interface ServerProcess {
  child: ChildProcess;
  url: URL;
  stop(): Promise<void>;
}

/** Start the server with one token per client; its JSON-lines log is read and dropped. */
async function startServer(clients: number): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-tasks-load-'));
  const tokens = join(dir, 'tokens.json');
  writeFileSync(tokens, JSON.stringify(Object.fromEntries(Array.from({ length: clients }, (_, i) => [`token-${i}`, `client-${i}`]))));
  const child = spawn(
    process.execPath,
    [
      ...(process.env.MCP_TASKS_BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
      SERVER,
      '--port',
      '0',
      '--tokens',
      tokens,
      ...SERVER_FLAGS,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<URL>((resolve, reject) => {
    let seen = '';
    const onData = (chunk: string) => {
      seen += chunk;
      const match = /listening on (http:\/\/\S+\/mcp)/.exec(seen);
      if (match) {
        child.stderr!.off('data', onData);
        child.stderr!.resume(); // keep draining the log so the server never blocks on it
        resolve(new URL(match[1]!));
      }
    };
    child.stderr!.setEncoding('utf8').on('data', onData);
    child.once('exit', () => reject(new Error(`the server exited before listening: ${seen}`)));
  });
  return {
    child,
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface LoadRun {
  perSecond: number;
  errors: number;
  p50: number;
  p99: number;
  /** CPU time of the server process per lifecycle (ms): comparable on a busy machine, unlike rates. */
  serverCpuMs: number;
  /** CPU time of this (client) process per lifecycle (ms). */
  clientCpuMs: number;
}

/** CPU time (user + system) a process has used, in ms, from /proc (Linux); NaN elsewhere. */
function cpuMsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in USER_HZ (100)
  } catch {
    return Number.NaN;
  }
}

/** `total` lifecycles shared by `clients` (each runs its share one after another). */
async function drive(clients: readonly LoadClient[], total: number, serverPid: number | undefined): Promise<LoadRun> {
  let next = 0;
  let errors = 0;
  const latencies: number[] = [];
  const serverCpu = cpuMsOf(serverPid);
  const clientCpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      while (next < total) {
        next++;
        const t0 = performance.now();
        const ok = await client.lifecycle().catch(() => false);
        latencies.push(performance.now() - t0);
        if (!ok) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  const { user, system } = process.cpuUsage(clientCpu);
  return {
    perSecond: total / seconds,
    errors,
    p50: at(0.5),
    p99: at(0.99),
    serverCpuMs: (cpuMsOf(serverPid) - serverCpu) / total,
    clientCpuMs: (user + system) / 1000 / total,
  };
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  console.log(`server: ${SERVER} ${SERVER_FLAGS.join(' ')} (one token per client)`);
  console.log(`${LIFECYCLES} lifecycles (tools/call delay ms 0 with task, tasks/get, tasks/result) after ${WARMUP} of warmup`);
  for (const n of CONCURRENCY) {
    const server = await startServer(n);
    const clients = Array.from({ length: n }, (_, i) => new LoadClient(server.url, `token-${i}`));
    try {
      for (const client of clients) await client.open();
      await drive(clients, WARMUP, server.child.pid);
      const load = await drive(clients, LIFECYCLES, server.child.pid);
      console.log(
        `${String(n).padStart(4)} clients  ${load.perSecond.toFixed(0).padStart(6)} lifecycles/s  errors ${load.errors}  p50 ${load.p50.toFixed(1)} ms  p99 ${load.p99.toFixed(1)} ms` +
          `  CPU per lifecycle: server ${load.serverCpuMs.toFixed(2)} ms, client ${load.clientCpuMs.toFixed(2)} ms`,
      );
      const extra = { errors: load.errors, p50Ms: load.p50, p99Ms: load.p99, serverCpuMs: load.serverCpuMs, clientCpuMs: load.clientCpuMs };
      results.push({
        bench: BENCH,
        name: 'lifecycles over HTTP',
        subject: 'reference-server',
        param: n,
        value: load.perSecond,
        unit: 'ops/s',
        extra,
      });
    } finally {
      for (const client of clients) client.close();
      await server.stop();
    }
  }
  return results;
}
