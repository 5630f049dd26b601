/**
 * Bench: `DynamoDbTaskStore` against raw DynamoDB calls on the SAME dynalite server (in-process,
 * loopback), in the same run, interleaved rounds (median shown): what the store costs on top of
 * the requests it must send anyway.
 *
 * - get: `store.get` (1 strongly consistent GetItem + decoding the record) vs a raw GetItem of
 *   the same item (ConsistentRead). Target: at least 0.8x raw.
 * - create: `store.create` vs ONE raw PutItem of an item of the same size. Where the endpoint
 *   has transactions a create is one TransactWriteItems (quota reservation + task put); dynalite
 *   has none, so here it is the two-request fallback (reservation UpdateItem, then PutItem): about
 *   0.5x is the price of an exact quota without transactions (src/stores/dynamodb/create.ts).
 *   Owners rotate every 50 creates, so quota items stay as small as a real owner's.
 * - complete: `store.complete` vs a raw unconditional UpdateItem writing the same attributes (no
 *   return values). Each op completes a different task from a pool created beforehand through
 *   the store (not measured), so each task is counted by the storage caps as in production.
 *   With a byte cap (the default, 64 MiB per owner) a complete is 2 UpdateItems: the task's, and
 *   the one moving the owner's stored bytes on its quota item (exact caps need that item written
 *   before the complete returns); without one (`maxStoredBytesPerOwner: null`) it is 1.
 *
 * dynalite and the SDK share one thread here, so absolute figures are far below real DynamoDB's
 * and mostly measure the SDK and dynalite; the ratios are the point. Only prints.
 */
import type { AddressInfo } from 'node:net';
import {
  BatchWriteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { generateTaskId } from '../src/ids.js';
import type { TaskRecord } from '../src/record.js';
import { createTable } from '../src/stores/dynamodb/create-table.js';
import { newListKey, partitionKey, taskSortKey } from '../src/stores/dynamodb/keys.js';
import { recordToItem } from '../src/stores/dynamodb/marshal.js';
import { DynamoDbTaskStore } from '../src/stores/dynamodb/store.js';
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

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const BENCH = 'store-dynamodb';
// Five interleaved rounds: on a shared 2-core machine single rounds vary by a third.
const ROUNDS = QUICK ? 1 : 5;
const OWNER = 'session:bench-owner';
const CREATES_PER_OWNER = 50;
const COMPLETE_OPS = QUICK ? 60 : 300;
const POOL_SLACK = 200;
/** Creates in flight while a pool is built through the store. */
const POOL_CONCURRENCY = 10;

const INPUT = CREATE_INPUT;
const COMPLETE = COMPLETE_INPUT;

let sink = 0;

interface Subject {
  name: string;
  /** Prepare state for one round (not measured); returns the op and how many ops it can run. */
  prepare(): Promise<{ op: () => Promise<void>; maxOps?: number }>;
}

interface Pair {
  name: string;
  ours: Subject;
  raw: Subject;
  note: string;
}

function workingRecord(owner: string, now: number): TaskRecord {
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
    version: 1,
  };
}

/** Write `n` working tasks of OWNER straight into the table (25 per BatchWriteItem). */
async function writePool(client: DynamoDBClient, tableName: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  const now = Date.now();
  for (let i = 0; i < n; i += 25) {
    const requests = [];
    for (let j = i; j < Math.min(n, i + 25); j++) {
      const record = workingRecord(OWNER, now);
      ids.push(record.taskId);
      requests.push({
        PutRequest: {
          Item: recordToItem(record, partitionKey(OWNER), taskSortKey(record.taskId), newListKey(now, record.taskId), 'bench'),
        },
      });
    }
    const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
    if (Object.keys(out.UnprocessedItems ?? {}).length > 0) throw new Error('bench: BatchWriteItem left items unprocessed');
  }
  return ids;
}

/** `n` working tasks created through `store`, owners rotating every CREATES_PER_OWNER (their quota). */
async function createPool(store: DynamoDbTaskStore, n: number): Promise<{ owner: string; id: string }[]> {
  const pool: { owner: string; id: string }[] = [];
  const batch = `${OWNER}-pool-${Math.random().toString(36).slice(2, 8)}`;
  for (let i = 0; i < n; i += POOL_CONCURRENCY) {
    const created = await Promise.all(
      Array.from({ length: Math.min(POOL_CONCURRENCY, n - i) }, async (_, j) => {
        const owner = `${batch}-${Math.floor((i + j) / CREATES_PER_OWNER)}`;
        return { owner, id: (await store.create(owner, INPUT)).taskId };
      }),
    );
    pool.push(...created);
  }
  return pool;
}

function poolOp<T>(items: T[], run: (item: T) => Promise<void>): () => Promise<void> {
  let next = 0;
  return async () => {
    const item = items[next++];
    if (item === undefined) throw new Error('bench: task pool exhausted');
    await run(item);
  };
}

export async function run(): Promise<BenchResult[]> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  try {
    const tableName = 'mcp-tasks-bench';
    await createTable(client, tableName, { logger: { warn: () => undefined } });
    const store = new DynamoDbTaskStore({ client, tableName, security: { maxActiveTasksPerOwner: 100 } });
    const noByteCap = new DynamoDbTaskStore({ client, tableName, security: { maxActiveTasksPerOwner: 100, maxStoredBytesPerOwner: null } });

    // The task `get` reads: completed, with its result (the larger record).
    const sample = await store.create(OWNER, INPUT);
    await store.complete(OWNER, sample.taskId, COMPLETE);
    const sampleKey = { pk: { S: partitionKey(OWNER) }, sk: { S: taskSortKey(sample.taskId) } };
    // An item of a created task's size, for the raw PutItem.
    const rawItem = (): Record<string, AttributeValue> => {
      const record = workingRecord(OWNER, Date.now());
      return recordToItem(record, partitionKey(OWNER), taskSortKey(record.taskId), newListKey(record.createdAt, record.taskId), 'bench');
    };
    let creates = 0;
    const outcome = JSON.stringify(COMPLETE.outcome);
    const rawComplete: Subject = {
      name: 'raw UpdateItem',
      prepare: async () => {
        const ids = await writePool(client, tableName, COMPLETE_OPS + POOL_SLACK);
        return {
          op: poolOp(ids, async (id) => {
            await client.send(
              new UpdateItemCommand({
                TableName: tableName,
                Key: { pk: { S: partitionKey(OWNER) }, sk: { S: taskSortKey(id) } },
                UpdateExpression: 'SET #st = :st, #out = :out, #lu = :lu, #v = #v + :one',
                ExpressionAttributeNames: { '#st': 'status', '#out': 'outcome', '#lu': 'lastUpdatedAt', '#v': 'version' },
                ExpressionAttributeValues: {
                  ':st': { S: 'completed' },
                  ':out': { S: outcome },
                  ':lu': { N: String(Date.now()) },
                  ':one': { N: '1' },
                },
              }),
            );
          }),
          maxOps: COMPLETE_OPS,
        };
      },
    };
    const completePair = (name: string, note: string, subject: DynamoDbTaskStore): Pair => ({
      name,
      note,
      ours: {
        name: `${name === 'complete' ? 'store' : 'store (no byte cap)'}.complete`,
        prepare: async () => {
          const pool = await createPool(subject, COMPLETE_OPS + POOL_SLACK);
          return {
            op: poolOp(pool, async ({ owner, id }) => void (sink += (await subject.complete(owner, id, COMPLETE)).version)),
            maxOps: COMPLETE_OPS,
          };
        },
      },
      raw: rawComplete,
    });

    const pairs: Pair[] = [
      {
        name: 'get',
        note: '1 GetItem each',
        ours: {
          name: 'store.get',
          prepare: async () => ({ op: async () => void (sink += (await store.get(OWNER, sample.taskId)).version) }),
        },
        raw: {
          name: 'raw GetItem',
          prepare: async () => ({
            op: async () =>
              void (sink += (await client.send(new GetItemCommand({ TableName: tableName, Key: sampleKey, ConsistentRead: true }))).Item
                ? 1
                : 0),
          }),
        },
      },
      {
        name: 'create',
        note: 'store: UpdateItem (quota) + PutItem here (dynalite has no transactions; 1 TransactWriteItems where it has); raw: 1 PutItem',
        ours: {
          name: 'store.create',
          prepare: async () => ({
            op: async () => void (sink += (await store.create(`${OWNER}-${Math.floor(creates++ / CREATES_PER_OWNER)}`, INPUT)).version),
          }),
        },
        raw: {
          name: 'raw PutItem',
          prepare: async () => ({
            op: async () => void (await client.send(new PutItemCommand({ TableName: tableName, Item: rawItem() }))),
          }),
        },
      },
      completePair('complete', 'store: 2 UpdateItems (the task; the owner usage, byte cap on); raw: 1 unconditional UpdateItem', store),
      completePair(
        'complete, no byte cap',
        'store: 1 conditional UpdateItem (answering the changed attributes); raw: 1 unconditional UpdateItem',
        noByteCap,
      ),
    ];

    const results: BenchResult[] = [];
    const rows: Record<string, string>[] = [];
    for (const pair of pairs) {
      const rounds = new Map<string, Measurement[]>([
        [pair.ours.name, []],
        [pair.raw.name, []],
      ]);
      for (let r = 0; r < ROUNDS; r++) {
        for (const subject of r % 2 ? [pair.raw, pair.ours] : [pair.ours, pair.raw]) {
          const { op, maxOps } = await subject.prepare();
          settle();
          const m = await measureOps(`${subject.name} round ${r + 1}`, op, {
            minTimeMs: 1000,
            warmupMs: 100,
            ...(maxOps !== undefined && { maxOps }),
          });
          rounds.get(subject.name)!.push(m);
        }
      }
      const o = medianMeasurement(rounds.get(pair.ours.name)!);
      const w = medianMeasurement(rounds.get(pair.raw.name)!);
      for (const [subject, m] of [
        [pair.ours.name, o],
        [pair.raw.name, w],
      ] as const) {
        rows.push({
          op: pair.name,
          subject,
          'rounds (ops/s)': rounds
            .get(subject)!
            .map((x) => fmtOps(x.opsPerSec))
            .join(' / '),
          'median ops/s': fmtOps(m.opsPerSec),
          p50: fmtMs(m.p50Ms),
          p99: fmtMs(m.p99Ms),
          'store/raw': subject === pair.ours.name ? ratio(o.opsPerSec, w.opsPerSec) : '',
        });
        results.push({
          bench: BENCH,
          name: pair.name,
          subject,
          value: m.opsPerSec,
          unit: 'ops/s',
          extra: { p50Ms: m.p50Ms, p99Ms: m.p99Ms },
        });
      }
      results.push({
        bench: BENCH,
        name: pair.name,
        subject: 'store/raw',
        value: o.opsPerSec / w.opsPerSec,
        unit: 'x',
        extra: { requests: pair.note },
      });
    }
    console.log(`DynamoDbTaskStore vs raw SDK calls, same in-process dynalite, ${ROUNDS} interleaved round(s), median shown`);
    printTable(rows);
    for (const pair of pairs) console.log(`  ${pair.name}: ${pair.note}`);
    if (sink === -1) console.log(sink);
    await Promise.all([store.close(), noByteCap.close()]);
    return results;
  } finally {
    client.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
