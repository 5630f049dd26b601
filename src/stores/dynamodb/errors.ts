/**
 * AWS errors -> mcp-tasks errors. Only our own errors and generic messages leave the store:
 * network failures, throttling, missing tables, permissions and anything unexpected become
 * `StoreUnavailableError` with a fixed message and the AWS error as `cause` (for logs), so no AWS
 * text (table names, ARNs, request IDs) reaches the wire. An item over DynamoDB's 400 KB limit
 * becomes `PayloadTooLargeError` (decided by the caller, which knows the sizes).
 *
 * Retries: the SDK's own retry strategy retries throttling and transient errors (its default is
 * 3 attempts; configure `maxAttempts` on the client). It never retries
 * `ConditionalCheckFailedException`, and neither do we: a failed condition is an answer.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { isTasksError, StoreUnavailableError } from '../../errors/index.js';

interface AwsErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: unknown;
  Item?: unknown;
}

function nameOf(err: unknown): string {
  if (typeof err !== 'object' || err === null) return '';
  const { name, code } = err as AwsErrorLike;
  return typeof name === 'string' && name !== 'Error' ? name : typeof code === 'string' ? code : '';
}

export function isConditionalCheckFailed(err: unknown): err is Error & { Item?: Record<string, AttributeValue> } {
  return nameOf(err) === 'ConditionalCheckFailedException';
}

/** A ValidationException about the size of an item (PutItem: "Item size has exceeded ..."; UpdateItem: "Item size to update has exceeded ..."). */
export function isItemTooLarge(err: unknown): boolean {
  if (nameOf(err) !== 'ValidationException') return false;
  const message = (err as AwsErrorLike).message;
  return typeof message === 'string' && /item size|maximum allowed size|item collection size/i.test(message);
}

const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'TooManyRequestsException',
]);

const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'TimeoutError',
  'RequestTimeout',
  'AbortError',
]);

/** Any failure of a DynamoDB request that is not an answer we handle: a StoreUnavailableError (our errors pass through). */
export function storeError(err: unknown): Error {
  if (isTasksError(err)) return err as Error;
  const name = nameOf(err);
  if (THROTTLING.has(name)) return new StoreUnavailableError('DynamoDB is throttling requests; retry later', { cause: err });
  if (NETWORK.has(name) || httpStatus(err) === undefined) {
    // No HTTP response at all (a service error always carries its HTTP status in $metadata).
    return new StoreUnavailableError('DynamoDB could not be reached', { cause: err });
  }
  if (name === 'ItemCollectionSizeLimitExceededException') {
    return new StoreUnavailableError("the requestor's stored tasks exceed the 10 GB DynamoDB limit per owner", { cause: err });
  }
  return new StoreUnavailableError('DynamoDB request failed', { cause: err });
}

/** The HTTP status of an AWS error, undefined when no response arrived. */
export function httpStatus(err: unknown): number | undefined {
  const metadata = (err as AwsErrorLike | null)?.$metadata;
  const status = typeof metadata === 'object' && metadata !== null ? (metadata as { httpStatusCode?: unknown }).httpStatusCode : undefined;
  return typeof status === 'number' ? status : undefined;
}
