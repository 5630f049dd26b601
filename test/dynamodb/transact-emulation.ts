/**
 * TransactWriteItems for a client of dynalite, which has no transactions: a middleware of THIS
 * client answers each TransactWriteItems itself by sending its writes to dynalite as plain
 * conditional requests, so the store's transactional create runs end to end against dynalite's
 * own condition evaluation (the store suite's quota, storage and concurrency areas included).
 *
 * What it reproduces: each item's condition, evaluated by dynalite; all or nothing (puts of new
 * items go first, and are deleted again when a later condition fails; a failing update is the
 * last write tried); a TransactionCanceledException with one CancellationReason per item. The
 * failed one carries no item, as dynalite's own refusals carry none (DynamoDB returns it with
 * ReturnValuesOnConditionCheckFailure), so the store reads it as it does on dynalite.
 * What it does not: atomicity against concurrent plain requests (a put is visible for the moment
 * before its transaction's update is decided), and DynamoDB's TransactionConflict cancellations:
 * emulated transactions of one process run one at a time instead. Only for tests of this shape:
 * new-item puts and updates, as the store's create sends.
 */
import {
  DeleteItemCommand,
  DynamoDBClient,
  PutItemCommand,
  TransactionCanceledException,
  UpdateItemCommand,
  type AttributeValue,
  type CancellationReason,
  type TransactWriteItemsCommandInput,
} from '@aws-sdk/client-dynamodb';

/** Make `client` answer TransactWriteItems as described above, through `plain` (a client of the same endpoint). */
export function emulateTransactions(client: DynamoDBClient, plain: DynamoDBClient): void {
  let queue: Promise<unknown> = Promise.resolve();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'TransactWriteItemsCommand') return next(args);
      const run = queue.then(() => transact(plain, args.input as TransactWriteItemsCommandInput));
      queue = run.catch(() => undefined);
      await run;
      return { output: { $metadata: { httpStatusCode: 200 } }, response: undefined } as never;
    },
    // Low priority: after the tests' request counter of the same step, which then counts it.
    { step: 'initialize', name: 'emulateTransactWriteItems', priority: 'low' },
  );
}

async function transact(plain: DynamoDBClient, input: TransactWriteItemsCommandInput): Promise<void> {
  const items = input.TransactItems ?? [];
  const order = [...items.keys()].sort((a, b) => Number(items[b]!.Put !== undefined) - Number(items[a]!.Put !== undefined));
  const done: number[] = [];
  for (const index of order) {
    const { Put, Update } = items[index]!;
    try {
      if (Put) await plain.send(new PutItemCommand({ ...Put, ReturnValuesOnConditionCheckFailure: undefined }));
      else if (Update) await plain.send(new UpdateItemCommand({ ...Update, ReturnValuesOnConditionCheckFailure: undefined }));
      else throw new Error('emulated TransactWriteItems: only Put and Update');
      done.push(index);
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
      for (const undo of done) {
        const put = items[undo]!.Put!;
        await plain.send(new DeleteItemCommand({ TableName: put.TableName, Key: pickKey(put.Item!) }));
      }
      const reasons: CancellationReason[] = items.map((_, i) =>
        i === index ? { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' } : { Code: 'None' },
      );
      throw new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: { httpStatusCode: 400 },
        CancellationReasons: reasons,
      });
    }
  }
}

/** The table key of a task or quota item (`pk`, `sk`). */
function pickKey(item: Record<string, AttributeValue>): Record<string, AttributeValue> {
  return { pk: item.pk!, sk: item.sk! };
}
