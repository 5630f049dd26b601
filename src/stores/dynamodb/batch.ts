/**
 * Batch requests of the DynamoDB store: BatchGetItem / BatchWriteItem with the retries of their
 * unprocessed parts (DynamoDB returns them under throttling) and a jittered exponential backoff.
 */
import { BatchGetItemCommand, BatchWriteItemCommand, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { StoreUnavailableError } from '../../errors/index.js';
import { storeError } from './errors.js';
import type { Item } from './marshal.js';
import { statusBatchInput, type Key } from './operations.js';

const UNPROCESSED_RETRIES = 6;

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

/** A jittered exponential backoff: about 25 ms doubling per attempt, at most 1 s. */
export function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2)));
}
