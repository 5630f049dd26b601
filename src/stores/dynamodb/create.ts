/**
 * Create on DynamoDB: the quota reservation (with the storage claim, ./quota.ts,
 * ./storage-caps.ts) and the task's item, in ONE request where the endpoint has transactions
 * (`TransactWriteItems`: both or neither), else in two (reservation, then put; ./transactions.ts
 * says when which). Both paths keep the quota and the storage caps exact: the reservation's
 * condition is the only gate, and it sees one item that every create of the owner writes.
 *
 * Two requests leave a window: a reservation whose put never lands (the process died between
 * them) holds its slot until quota reconciliation drops it after `reservationGraceMs`. A
 * transaction has no such window; its reservations are dropped only when their task ended.
 */
import {
  ConditionalCheckFailedException,
  PutItemCommand,
  TransactWriteItemsCommand,
  type DynamoDBClient,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { PayloadTooLargeError, StoreUnavailableError } from '../../errors/index.js';
import type { TaskRecord } from '../../record.js';
import { backoff } from './batch.js';
import { httpStatus, isConditionalCheckFailed, isItemTooLarge, storeError } from './errors.js';
import { MAX_ITEM_BYTES, quotaEntry, type Item } from './marshal.js';
import { putTaskInput } from './operations.js';
import type { OwnerQuota, ReservationWrite } from './quota.js';
import type { OwnerStorage } from './storage-caps.js';
import { ATTR } from './table.js';
import { CONFLICT_RETRIES, createCancellation, createTransactionInput, lacksTransactions, type TransactionMode } from './transactions.js';

/** What PayloadTooLargeError names when the whole item does not fit. */
export const TASK_ITEM = 'Task (request params, variables and result stored together as one DynamoDB item)';

export interface CreateDeps {
  client: DynamoDBClient;
  tableName: string;
  quota: OwnerQuota;
  storage: OwnerStorage;
  transactions: TransactionMode;
  /** The item a failed conditional write met (see DynamoDbTaskStore). */
  currentItem(err: { Item?: Item }, pk: string, sk: string): Promise<Item | undefined>;
  getItem(pk: string, sk: string): Promise<Item | undefined>;
}

/** The new task's item and where it goes. */
export interface NewTask {
  record: TaskRecord;
  item: Item;
  /** Its size by DynamoDB's rules (already checked against MAX_ITEM_BYTES). */
  size: number;
  pk: string;
  sk: string;
  writeId: string;
}

/** The transaction gave way (endpoint without transactions, or conflicts): take the two requests. */
class UseTwoRequests extends Error {}

export class TaskCreates {
  readonly #deps: CreateDeps;
  /** Whether creates transact: undefined until the first create learns it ('auto'). */
  #transactional: boolean | undefined;

  constructor(deps: CreateDeps) {
    this.#deps = deps;
    this.#transactional = deps.transactions === 'auto' ? undefined : deps.transactions;
  }

  /** true: one TransactWriteItems per create; false: two requests; undefined: not known before the first create. */
  get transactional(): boolean | undefined {
    return this.#transactional;
  }

  async insert(task: NewTask, maxActive: number): Promise<void> {
    const { quota, storage } = this.#deps;
    const entry = quotaEntry(task.record);
    const claim = storage.claim(task.record);
    if (this.#transactional !== false) {
      try {
        await quota.reserve(task.record.owner, task.pk, entry, maxActive, claim, this.#transactionalWrite(task));
        this.#transactional = true;
        return;
      } catch (err) {
        if (!(err instanceof UseTwoRequests)) throw err;
      }
    }
    await quota.reserve(task.record.owner, task.pk, entry, maxActive, claim);
    await this.#put(task, entry, claim);
  }

  /** The reservation sent together with the task's put, as one transaction. */
  #transactionalWrite(task: NewTask): ReservationWrite {
    const { client, tableName } = this.#deps;
    const put = putTaskInput(tableName, task.item);
    return async (reserve: UpdateItemCommandInput) => {
      for (let attempt = 0; ; attempt++) {
        try {
          await client.send(new TransactWriteItemsCommand(createTransactionInput(reserve, put)));
          return;
        } catch (err) {
          const cancelled = createCancellation(err);
          if (cancelled === undefined) {
            if (this.#deps.transactions === 'auto' && this.#transactional !== true && lacksTransactions(err)) {
              this.#transactional = false; // for good: this endpoint has no transactions
              throw new UseTwoRequests();
            }
            if (isItemTooLarge(err)) throw tooLarge(task.size);
            throw storeError(err);
          }
          switch (cancelled.kind) {
            case 'quota': // as a refused plain reservation: the quota's reconciliation explains it from the item
              throw new ConditionalCheckFailedException({
                message: 'the reservation was refused',
                $metadata: {},
                ...(cancelled.item && { Item: cancelled.item }),
              });
            case 'taken':
              if (cancelled.item?.[ATTR.writeId]?.S === task.writeId) return; // our own transaction, answered to a retry
              throw new StoreUnavailableError('could not store the new task (task ID already taken)', { cause: err });
            case 'conflict':
              if (attempt >= CONFLICT_RETRIES) throw new UseTwoRequests();
              await backoff(attempt);
              continue;
            case 'throttled':
              throw new StoreUnavailableError('DynamoDB is throttling requests; retry later', { cause: err });
            case 'too-large':
              throw tooLarge(task.size);
            default:
              throw new StoreUnavailableError('DynamoDB request failed', { cause: err });
          }
        }
      }
    };
  }

  /** The second request of a two-request create; a definite refusal frees what the reservation took. */
  async #put(task: NewTask, entry: string, claim: ReturnType<OwnerStorage['claim']>): Promise<void> {
    const { client, tableName, quota, storage } = this.#deps;
    try {
      await client.send(new PutItemCommand(putTaskInput(tableName, task.item)));
    } catch (err) {
      if (isConditionalCheckFailed(err)) {
        const existing = await this.#deps.currentItem(err, task.pk, task.sk);
        if (existing?.[ATTR.writeId]?.S === task.writeId) return; // our own put, answered to a retry
      }
      // A definite refusal (4xx: nothing was written) frees the slot at once. After an ambiguous
      // failure (network, 5xx) the put may have landed: the reservation stays, and reconciliation
      // drops it after the grace period if the task does not exist.
      const status = httpStatus(err);
      if ((status !== undefined && status < 500) || (await this.#surelyAbsent(task.pk, task.sk))) {
        await quota.release(task.pk, [entry]).catch(() => undefined);
        if (claim !== undefined) await storage.release(task.pk, claim).catch(() => undefined);
      }
      if (isItemTooLarge(err)) throw tooLarge(task.size);
      if (isConditionalCheckFailed(err))
        throw new StoreUnavailableError('could not store the new task (task ID already taken)', { cause: err });
      throw storeError(err);
    }
  }

  /** After an ambiguous put failure: true when a consistent read shows the task is not there. */
  async #surelyAbsent(pk: string, sk: string): Promise<boolean> {
    return this.#deps.getItem(pk, sk).then(
      (item) => item === undefined,
      () => false,
    );
  }
}

function tooLarge(size: number): PayloadTooLargeError {
  return new PayloadTooLargeError(TASK_ITEM, Math.max(size, MAX_ITEM_BYTES + 1), MAX_ITEM_BYTES);
}
