/**
 * The transactional create's pieces that no local endpoint can show (dynalite has no
 * TransactWriteItems, see requests.test.ts): the request built from the two writes, how a
 * cancellation (the SDK's own TransactionCanceledException, as it parses DynamoDB's answer)
 * is read, which errors mean "no transactions here", and retries of plain writes that meet a
 * transaction in flight. No server: these are functions of their inputs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TransactionCanceledException, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import { partitionKey, taskSortKey } from '../../src/stores/dynamodb/keys.js';
import { putTaskInput, reserveInput } from '../../src/stores/dynamodb/operations.js';
import { createCancellation, createTransactionInput, lacksTransactions, retryConflicts } from '../../src/stores/dynamodb/transactions.js';

const META = { $metadata: { httpStatusCode: 400 } };
/** DynamoDB's ValidationException, as the SDK raises it (a service error by name: no class of its own). */
const validation = (message: string) => Object.assign(new Error(message), { name: 'ValidationException', ...META });
const cancelled = (...codes: (string | { Code: string; Item?: Record<string, { S: string }>; Message?: string })[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    ...META,
    CancellationReasons: codes.map((c) => (typeof c === 'string' ? { Code: c } : c)),
  });

describe('DynamoDB transactional create: request and answers', () => {
  it('one TransactWriteItems: the reservation (first) and the task put, each returning the item its condition failed on, with an idempotency token', () => {
    const pk = partitionKey('auth:alice');
    const reserve = reserveInput('tasks', pk, 'id.1.2', 5);
    const put = putTaskInput('tasks', { pk: { S: pk }, sk: { S: taskSortKey('id') } });
    const input = createTransactionInput(reserve, put);
    assert.equal(input.TransactItems?.length, 2);
    const [update, task] = input.TransactItems!;
    assert.deepEqual(update!.Update, { ...reserve, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
    assert.deepEqual(task!.Put, { ...put, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
    assert.match(input.ClientRequestToken ?? '', /^[0-9a-f-]{36}$/);
    assert.notEqual(createTransactionInput(reserve, put).ClientRequestToken, input.ClientRequestToken, 'a token per attempt');
  });

  it('a cancellation is read per item: the reservation refused (with the quota item), the task ID taken, a conflict, throttling, size', () => {
    const quotaItem = { sk: { S: 'quota' } };
    assert.deepEqual(createCancellation(cancelled({ Code: 'ConditionalCheckFailed', Item: quotaItem }, 'None')), {
      kind: 'quota',
      item: quotaItem,
    });
    assert.deepEqual(createCancellation(cancelled('None', { Code: 'ConditionalCheckFailed' })), { kind: 'taken', item: undefined });
    assert.deepEqual(createCancellation(cancelled('TransactionConflict', 'None')), { kind: 'conflict' });
    assert.deepEqual(createCancellation(cancelled('None', 'ThrottlingError')), { kind: 'throttled' });
    assert.deepEqual(
      createCancellation(cancelled('None', { Code: 'ValidationError', Message: 'Item size has exceeded the maximum allowed size' })),
      { kind: 'too-large' },
    );
    assert.deepEqual(createCancellation(cancelled('None', 'ItemCollectionSizeLimitExceeded')), { kind: 'failed' });
    assert.equal(createCancellation(validation('x')), undefined, 'not a cancellation');
  });

  it('endpoints without transactions are recognised (unknown operation, 501, a refused request shape), an item too large is not one', () => {
    const named = (name: string, status = 400) => Object.assign(new Error('x'), { name, $metadata: { httpStatusCode: status } });
    assert.equal(lacksTransactions(named('UnknownOperationException')), true);
    assert.equal(lacksTransactions(named('NotImplemented', 501)), true);
    assert.equal(lacksTransactions(validation('TransactItems is not supported')), true);
    assert.equal(lacksTransactions(validation('Item size has exceeded the maximum allowed size')), false);
    assert.equal(lacksTransactions(named('ThrottlingException')), false);
  });

  it('a plain write that meets a transaction in flight is sent again; other failures are not', async () => {
    let calls = 0;
    const conflict = () => new TransactionConflictException({ message: 'in flight', ...META });
    assert.equal(await retryConflicts(async () => (++calls < 3 ? Promise.reject(conflict()) : 'done')), 'done');
    assert.equal(calls, 3);
    calls = 0;
    await assert.rejects(
      retryConflicts(async () => (calls++, Promise.reject(validation('x')))),
      { name: 'ValidationException' },
    );
    assert.equal(calls, 1);
  });
});
