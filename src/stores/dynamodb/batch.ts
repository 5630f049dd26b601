/**
 * Batch requests of the DynamoDB store: BatchGetItem / BatchWriteItem with the retries of their
 * unprocessed parts (DynamoDB returns them under throttling) and a jittered exponential backoff;
 * `cleanup`'s Scan of expired items and their deletion in batches.
 */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  ScanCommand,
  type AttributeValue,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { StoreUnavailableError } from '../../errors/index.js';
import { storeError } from './errors.js';
import type { Item } from './marshal.js';
import { expiredScanInput, statusBatchInput, type Key } from './operations.js';
import { ATTR } from './table.js';

const UNPROCESSED_RETRIES = 6;
const BATCH_WRITE_MAX = 25;

const unavailable = (err: unknown): never => {
  throw storeError(err);
};

/** The status (and lease expiry) of the tasks at `keys`, strongly consistent; at most 100 keys. */
export async function batchGetStatus(client: DynamoDBClient, tableName: string, keys: Key[]): Promise<Item[]> {
  const items: Item[] = [];
  let request = statusBatchInput(tableName, keys);
  for (let attempt = 0; ; attempt++) {
    const out = await client.send(new BatchGetItemCommand(request)).catch(unavailable);
    items.push(...(out.Responses?.[tableName] ?? []));
    const unprocessed = out.UnprocessedKeys?.[tableName];
    if (!unprocessed?.Keys?.length) return items;
    if (attempt >= UNPROCESSED_RETRIES) throw new StoreUnavailableError('DynamoDB is throttling requests; retry later');
    await backoff(attempt);
    request = { RequestItems: { [tableName]: unprocessed } };
  }
}

/** Delete the items at `keys`; at most 25 keys. */
export async function batchDelete(client: DynamoDBClient, tableName: string, keys: Key[]): Promise<void> {
  let requests: WriteRequest[] = keys.map((Key) => ({ DeleteRequest: { Key } }));
  for (let attempt = 0; ; attempt++) {
    const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } })).catch(unavailable);
    const unprocessed = out.UnprocessedItems?.[tableName];
    if (!unprocessed?.length) return;
    if (attempt >= UNPROCESSED_RETRIES) throw new StoreUnavailableError('DynamoDB is throttling requests; retry later');
    await backoff(attempt);
    requests = unprocessed;
  }
}

/** Delete every item expired at `now` (Scan pages, BatchWriteItem per 25 items); return how many. */
export async function deleteExpired(client: DynamoDBClient, tableName: string, now: number): Promise<number> {
  let removed = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand(expiredScanInput(tableName, now, start))).catch(unavailable);
    const keys = (page.Items ?? []).map((i) => ({ [ATTR.pk]: i[ATTR.pk]!, [ATTR.sk]: i[ATTR.sk]! }));
    for (let i = 0; i < keys.length; i += BATCH_WRITE_MAX) {
      await batchDelete(client, tableName, keys.slice(i, i + BATCH_WRITE_MAX));
    }
    removed += keys.length;
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return removed;
}

/** A jittered exponential backoff: about 25 ms doubling per attempt, at most 1 s. */
export function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2)));
}
