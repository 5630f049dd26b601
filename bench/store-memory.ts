/**
 * Bench: our `InMemoryTaskStore` against the SDK's `InMemoryTaskStore` (experimental/tasks).
 *
 * 1. Lifecycle: one op = create + complete + get of one task, SAME payloads for both stores,
 *    interleaved rounds (ours, sdk, sdk-no-ttl, ours, ...) in one process; the median round of
 *    each subject is reported, with the ratio ours/sdk. Both stores get a 1 h TTL (the SDK then
 *    arms a setTimeout on create and re-arms it on storeTaskResult); the `sdk (ttl null)` subject
 *    shows what those timers cost. Our quota is set high; tasks complete at once, so at most one
 *    is active. Each subject starts a fresh store every RECYCLE ops (dropping the old one; for the
 *    SDK, `cleanup()` clears its timers), so the live set stays bounded as in a server whose tasks
 *    expire, rather than growing by millions of records in a long round.
 * 2. List: the time of one page for one owner holding 100, 10k and 100k tasks, from the start and
 *    from a cursor in the middle. Ours pages 50 (and 10, for comparison); the SDK's `listTasks`
 *    has a fixed page of 10 and copies every task ID per call.
 *
 * Only prints; never asserts a timing.
 */
import { InMemoryTaskStore as SdkInMemoryTaskStore } from '@modelcontextprotocol/sdk/experimental/tasks';
import { InMemoryTaskStore } from '../src/stores/memory.js';
import {
  QUICK,
  fmtCount,
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
import { COMPLETE_INPUT, CREATE_INPUT, PARAMS, RESULT, TTL_MS } from './payloads.js';

const BENCH = 'store-memory';
const OWNER = 'session:bench-owner';
const SESSION = 'bench-owner';
const ROUNDS = QUICK ? 1 : 3;
const RECYCLE = 10_000;
const LIST_SIZES = [100, 10_000, 100_000] as const;

// The same payloads for both stores (bench/payloads.ts).
const OUR_INPUT = CREATE_INPUT;
const OUR_COMPLETE = COMPLETE_INPUT;
const SDK_REQUEST = { method: 'tools/call', params: PARAMS };

/** Keeps results observable so no call can be optimized away. */
let sink = 0;

function newOurs(): InMemoryTaskStore {
  // Quota, payload and page limits out of the way; the TTL is given per task (1 h, well within max).
  // Speed, not limits: 100k tasks of one owner would pass the default storage caps.
  return new InMemoryTaskStore({
    security: { maxActiveTasksPerOwner: 1_000_000, maxStoredBytesPerOwner: null, maxPageSize: 500 },
    maxTotalBytes: null,
  });
}

interface Subject {
  name: string;
  /** A fresh op bound to fresh state, and how to release that state afterwards. */
  start(): { op: () => Promise<void>; stop: () => Promise<void> };
}

const ours: Subject = {
  name: 'ours',
  start() {
    let store = newOurs();
    let n = 0;
    return {
      async op() {
        if (++n > RECYCLE) {
          n = 1;
          await store.close();
          store = newOurs();
        }
        const t = await store.create(OWNER, OUR_INPUT);
        await store.complete(OWNER, t.taskId, OUR_COMPLETE);
        const got = await store.get(OWNER, t.taskId);
        sink += got.version;
      },
      stop: () => store.close(),
    };
  },
};

function sdkSubject(name: string, ttl: number | null): Subject {
  return {
    name,
    start() {
      let store = new SdkInMemoryTaskStore();
      let n = 0;
      let requestId = 0;
      return {
        async op() {
          if (++n > RECYCLE) {
            n = 1;
            store.cleanup();
            store = new SdkInMemoryTaskStore();
          }
          const t = await store.createTask({ ttl, pollInterval: 1000 }, ++requestId, SDK_REQUEST, SESSION);
          await store.storeTaskResult(t.taskId, 'completed', RESULT, SESSION);
          const got = await store.getTask(t.taskId, SESSION);
          sink += got ? 1 : 0;
        },
        async stop() {
          store.cleanup();
        },
      };
    },
  };
}

async function lifecycle(): Promise<BenchResult[]> {
  const name = 'lifecycle (create+complete+get)';
  const subjects = [ours, sdkSubject('sdk', TTL_MS), sdkSubject('sdk (ttl null, no timers)', null)];
  const rounds = new Map<string, Measurement[]>(subjects.map((s) => [s.name, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const subject of subjects) {
      settle();
      const { op, stop } = subject.start();
      const m = await measureOps(`${subject.name} round ${r + 1}`, op, { minTimeMs: 1500, warmupMs: 300 });
      await stop();
      rounds.get(subject.name)!.push(m);
    }
  }

  const med = new Map(subjects.map((s) => [s.name, medianMeasurement(rounds.get(s.name)!)]));
  const o = med.get('ours')!;
  const s = med.get('sdk')!;
  const s0 = med.get('sdk (ttl null, no timers)')!;
  console.log(
    `${name}  ours ${fmtOps(o.opsPerSec)} ops/s  sdk ${fmtOps(s.opsPerSec)} ops/s  ratio ${ratio(o.opsPerSec, s.opsPerSec)}` +
      `  (sdk ttl null: ${fmtOps(s0.opsPerSec)} ops/s, ratio ${ratio(o.opsPerSec, s0.opsPerSec)})`,
  );
  console.log(
    `(same payloads; ttl 1 h for ours and sdk, so the sdk arms a setTimeout per create and re-arms it per storeTaskResult;` +
      ` every subject starts a fresh store each ${fmtOps(RECYCLE)} ops; ${ROUNDS} interleaved round(s), median shown)`,
  );
  printTable(
    subjects.map((subject) => {
      const all = rounds.get(subject.name)!;
      const m = med.get(subject.name)!;
      return {
        subject: subject.name,
        'rounds (ops/s)': all.map((x) => fmtOps(x.opsPerSec)).join(' / '),
        'median ops/s': fmtOps(m.opsPerSec),
        'mean µs': (m.meanMs * 1000).toFixed(2),
        'p50 µs': (m.p50Ms * 1000).toFixed(2),
        'p99 µs': (m.p99Ms * 1000).toFixed(2),
      };
    }),
  );

  const results: BenchResult[] = subjects.map((subject) => {
    const m = med.get(subject.name)!;
    return {
      bench: BENCH,
      name,
      subject: subject.name,
      value: m.opsPerSec,
      unit: 'ops/s',
      extra: {
        meanMs: m.meanMs,
        p50Ms: m.p50Ms,
        p99Ms: m.p99Ms,
        rounds: rounds
          .get(subject.name)!
          .map((x) => Math.round(x.opsPerSec))
          .join(','),
      },
    };
  });
  results.push({ bench: BENCH, name, subject: 'ours/sdk', value: o.opsPerSec / s.opsPerSec, unit: 'x' });
  return results;
}

interface ListRow {
  line: string;
  subject: string;
  size: number;
  m: Measurement;
}

async function listOurs(size: number): Promise<ListRow[]> {
  const store = newOurs();
  for (let i = 0; i < size; i++) {
    const t = await store.create(OWNER, OUR_INPUT);
    await store.complete(OWNER, t.taskId, OUR_COMPLETE);
  }
  // A cursor right after the middle task, reached by paging (pages of 500, then the remainder).
  const half = size / 2;
  let seen = 0;
  let mid: string | undefined;
  while (seen < half) {
    const page = await store.list(OWNER, { limit: Math.min(500, half - seen), cursor: mid });
    seen += page.tasks.length;
    mid = page.nextCursor;
    if (mid === undefined) throw new Error('bench: ran out of pages before the middle');
  }
  const cursor = mid;
  const opts = { minTimeMs: 300, warmupMs: 50 };
  const rows: ListRow[] = [];
  const measure = async (line: string, options: { limit: number; cursor?: string | undefined }): Promise<void> => {
    settle();
    const m = await measureOps(
      `ours ${line} ${size}`,
      async () => {
        sink += (await store.list(OWNER, options)).tasks.length;
      },
      opts,
    );
    rows.push({ line, subject: 'ours', size, m });
  };
  await measure('list page (50) from start', { limit: 50 });
  await measure('list page (50) from middle', { limit: 50, cursor });
  await measure('list page (10) from middle', { limit: 10, cursor });
  await store.close();
  return rows;
}

async function listSdk(size: number): Promise<ListRow[]> {
  // ttl null: no timer per task (the SDK's listTasks ignores TTLs anyway), so pre-filling is quick.
  const store = new SdkInMemoryTaskStore();
  const ids: string[] = [];
  for (let i = 0; i < size; i++) {
    const t = await store.createTask({ ttl: null }, i, SDK_REQUEST, SESSION);
    await store.storeTaskResult(t.taskId, 'completed', RESULT, SESSION);
    ids.push(t.taskId);
  }
  const cursor = ids[size / 2 - 1]; // the SDK's cursor is the last task ID of the previous page
  const opts = { minTimeMs: 300, warmupMs: 50, maxOps: 2000 };
  const rows: ListRow[] = [];
  const measure = async (line: string, c: string | undefined): Promise<void> => {
    settle();
    const m = await measureOps(
      `sdk ${line} ${size}`,
      async () => {
        sink += (await store.listTasks(c, SESSION)).tasks.length;
      },
      opts,
    );
    rows.push({ line, subject: 'sdk', size, m });
  };
  await measure('sdk listTasks page (10, fixed) from start', undefined);
  await measure('sdk listTasks page (10, fixed) from middle', cursor);
  store.cleanup();
  return rows;
}

async function list(): Promise<BenchResult[]> {
  const rows: ListRow[] = [];
  for (const size of LIST_SIZES) {
    rows.push(...(await listOurs(size)));
    rows.push(...(await listSdk(size)));
  }
  const lines = [...new Set(rows.map((r) => r.line))];
  const width = Math.max(...lines.map((l) => l.length));
  for (const line of lines) {
    const cells = LIST_SIZES.map((size) => {
      const r = rows.find((x) => x.line === line && x.size === size)!;
      return `${fmtCount(size)}: ${fmtMs(r.m.meanMs)}`;
    });
    console.log(`${line.padEnd(width)}  ${cells.join('  ')}`);
  }
  console.log('(mean time per call; ours: at 100 tasks the page from the middle ends the list, so no nextCursor is signed;');
  console.log(' sdk: page size fixed at 10, every call copies and filters all task IDs, and a cursor is found by indexOf)');
  printTable(
    rows.map((r) => ({
      measurement: r.line,
      tasks: fmtCount(r.size),
      calls: r.m.ops,
      'mean ms': r.m.meanMs.toFixed(4),
      'p50 ms': r.m.p50Ms.toFixed(4),
      'p99 ms': r.m.p99Ms.toFixed(4),
    })),
  );
  return rows.map((r) => ({
    bench: BENCH,
    name: r.line,
    subject: r.subject,
    param: r.size,
    value: r.m.meanMs,
    unit: 'ms',
    extra: { p50Ms: r.m.p50Ms, p99Ms: r.m.p99Ms, calls: r.m.ops },
  }));
}

export async function run(): Promise<BenchResult[]> {
  const results = [...(await lifecycle())];
  console.log('');
  results.push(...(await list()));
  if (sink === -1) console.log(''); // keep `sink` live
  return results;
}
