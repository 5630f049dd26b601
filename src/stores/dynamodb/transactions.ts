/**
 * DynamoDB transactions as the store uses them: ONE `TransactWriteItems` per create (the quota
 * reservation's UpdateItem and the task's PutItem, all or nothing; ./create.ts), where the
 * endpoint has them. Not every endpoint does: dynalite answers `UnknownOperationException`.
 *
 * `transactions` option of the store: `'auto'` (default) tries the first create as a
 * transaction and, on an endpoint without them, falls back for good to the two-request create
 * (reservation, then put), which that create then takes; `true` always transacts (an endpoint
 * without transactions fails every create: STORE_UNAVAILABLE); `false` never does.
 *
 * Why a fallback at all, besides endpoints without transactions: a transaction costs twice the
 * write capacity of the same writes, and DynamoDB cancels a transaction that meets another one in
 * flight on the same item (`TransactionConflict`). Every create of an owner updates that owner's
 * quota item, so concurrent creates of ONE owner conflict; a create retries a conflict a few
 * times, then takes the two-request path, whose plain UpdateItem queues on the item instead.
 * Plain writes to a quota item can themselves meet a transaction in flight there
 * (`TransactionConflictException`, which the SDK does not retry): `retryConflicts` retries them.
 */
import { randomUUID } from 'node:crypto';
import type { PutItemCommandInput, TransactWriteItemsCommandInput, UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { backoff } from './batch.js';
import { httpStatus, isItemTooLarge } from './errors.js';
import type { Item } from './marshal.js';

export type TransactionMode = 'auto' | boolean;

/** Conflicts a transactional create retries before it takes the two-request path. */
export const CONFLICT_RETRIES = 3;
/** Conflicts a plain write to a quota item retries (then it fails as the SDK would fail it). */
const PLAIN_CONFLICT_RETRIES = 6;

/** The one request of a transactional create: the reservation (first), then the task's put. */
export function createTransactionInput(reserve: UpdateItemCommandInput, put: PutItemCommandInput): TransactWriteItemsCommandInput {
  const { TableName, Key, UpdateExpression, ConditionExpression, ExpressionAttributeNames, ExpressionAttributeValues } = reserve;
  return {
    TransactItems: [
      {
        Update: {
          TableName,
          Key,
          UpdateExpression,
          ConditionExpression,
          ExpressionAttributeNames,
          ExpressionAttributeValues,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      {
        Put: {
          TableName: put.TableName,
          Item: put.Item,
          ConditionExpression: put.ConditionExpression,
          ExpressionAttributeNames: put.ExpressionAttributeNames,
          ...(put.ExpressionAttributeValues !== undefined && { ExpressionAttributeValues: put.ExpressionAttributeValues }),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    ],
    // Idempotent for 10 minutes: an SDK retry of a transaction that landed answers success.
    ClientRequestToken: randomUUID(),
  };
}

/** Why a create's transaction was cancelled, from its CancellationReasons (reservation, put). */
export type CreateCancellation =
  /** The reservation's condition failed: quota or storage full (explain from `item`, the quota item). */
  | { kind: 'quota'; item: Item | undefined }
  /** The task's put failed its condition: the task ID exists (`item`: that task). */
  | { kind: 'taken'; item: Item | undefined }
  /** Another transaction or write in flight on one of the items: try again. */
  | { kind: 'conflict' }
  | { kind: 'throttled' }
  | { kind: 'too-large' }
  | { kind: 'failed' };

interface Reason {
  Code?: string;
  Message?: string;
  Item?: Item;
}

/** The cancellation of a create transaction, or undefined when `err` is no TransactionCanceledException. */
export function createCancellation(err: unknown): CreateCancellation | undefined {
  if ((err as { name?: unknown } | null)?.name !== 'TransactionCanceledException') return undefined;
  const reasons = ((err as { CancellationReasons?: Reason[] }).CancellationReasons ?? []) as Reason[];
  const [reserve, put] = [reasons[0] ?? {}, reasons[1] ?? {}];
  if (reserve.Code === 'ConditionalCheckFailed') return { kind: 'quota', item: reserve.Item };
  if (put.Code === 'ConditionalCheckFailed') return { kind: 'taken', item: put.Item };
  const codes = reasons.map((r) => r.Code);
  if (codes.includes('TransactionConflict')) return { kind: 'conflict' };
  if (codes.includes('ThrottlingError') || codes.includes('ProvisionedThroughputExceeded') || codes.includes('RequestLimitExceeded'))
    return { kind: 'throttled' };
  if (reasons.some((r) => r.Code === 'ValidationError' && /size/i.test(r.Message ?? ''))) return { kind: 'too-large' };
  return { kind: 'failed' };
}

/**
 * Whether `err` says that the endpoint has no transactions: an unknown operation (dynalite),
 * 501, or a ValidationException of the request itself (not an item's size), so that even a
 * request shape an endpoint refuses leaves creates working on the two-request path.
 */
export function lacksTransactions(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  if (name === 'UnknownOperationException' || httpStatus(err) === 501) return true;
  return name === 'ValidationException' && !isItemTooLarge(err);
}

export function isTransactionConflict(err: unknown): boolean {
  return (err as { name?: unknown } | null)?.name === 'TransactionConflictException';
}

/** `send()`, sent again (with a jittered backoff) while it fails with TransactionConflictException. */
export async function retryConflicts<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (err) {
      if (!isTransactionConflict(err) || attempt >= PLAIN_CONFLICT_RETRIES) throw err;
      await backoff(attempt);
    }
  }
}
