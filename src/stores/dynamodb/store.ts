/**
 * `DynamoDbTaskStore`: the TaskStore contract on one DynamoDB table, shared by any number of
 * processes (give them all the same `cursorSecret`). Table and keys: ./table.ts, ./keys.ts.
 *
 * Requests per operation (the minimum each needs; asserted by test/dynamodb/requests.test.ts):
 * - get, getResult: 1 GetItem (strongly consistent).
 * - updateStatus, cancel: 1 conditional UpdateItem; complete too, plus 1 UpdateItem moving the
 *   owner's stored bytes when a byte cap is set (storage caps, below). The condition checks owner, status
 *   (compare-and-set), exact expiry and, for variable merges, the version; never read-then-write.
 *   A refusal is explained from the item DynamoDB returns with the failure
 *   (`ReturnValuesOnConditionCheckFailure: ALL_OLD`); endpoints that do not return it (dynalite,
 *   older DynamoDB Local) cost ONE extra strongly consistent GetItem, only to choose the error.
 * - setVariables: 1 GetItem + 1 UpdateItem (conditional on the version read; the base class
 *   retries a lost race), plus 1 UpdateItem moving the stored bytes when a byte cap is set.
 * - list page: 1 Query on the creation-order LSI.
 * - create: ONE TransactWriteItems (the owner's quota item UpdateItem + the task PutItem) where the
 *   endpoint has transactions, else 2 writes, the UpdateItem then the PutItem (./create.ts; which
 *   one: the `transactions` option, ./transactions.ts).
 * - cleanup: Scan pages + BatchWriteItem per 25 expired items.
 *
 * Quota (R38). A quota spans many items (the owner's active tasks), but a DynamoDB condition sees
 * only the item it writes. So each owner has a quota item whose string set `active` holds one
 * entry per reserved task (`<taskId>.<createdAt>.<expiresAt>`), and a create reserves with
 * `ADD active :entry` IF `NOT size(active) >= :max` (no set yet, or fewer): this one item
 * serializes all concurrent creates of the owner, so at most `max` reservations exist. The task
 * item (`attribute_not_exists(pk)`) goes in the same transaction, or right after. Terminal
 * transitions do NOT touch the quota item (they stay one request); instead, when the set is full,
 * create reconciles: it drops entries whose task is expired (from the entry's own expiry),
 * terminal, or missing for longer than `reservationGraceMs` (a two-request create that died
 * between its writes), reading the tasks with one strongly consistent BatchGetItem per 100,
 * removes them with `DELETE active :stale` and tries the reservation again (at most 3 rounds).
 * Removing a stale entry is always safe (terminal and expired are final), so the quota stays
 * exact under any concurrency. The one assumption: a task PutItem sent by a live process lands
 * within the grace period (default 60 s; DynamoDB requests take milliseconds). The set bounds
 * `maxActiveTasksPerOwner` to 5000 (about 55 bytes per entry in a 400 KB item).
 *
 * Storage caps: the quota item also counts every stored task (finished ones too), claimed by the
 * same reservation, so create stays one request (or two) and the caps are exact (./storage-caps.ts).
 *
 * Sizes: a task is one item, and DynamoDB refuses items over 400 KB (including the LSI entry).
 * A create whose item would not fit, or a write whose new attributes alone would not fit, is
 * refused with PAYLOAD_TOO_LARGE before anything is sent; a write that fits alone but not with
 * the stored request and variables is refused by DynamoDB (ValidationException, nothing
 * written) and reported as PAYLOAD_TOO_LARGE too. So with the default limits (results up to
 * 1 MB) results above about 400 KB minus the request and variables cannot be stored here.
 *
 * Expiry: every read filters and every write conditions on the exact `expiresAt` (ms) with the
 * store's clock; native TTL (`expiresAtSec`, epoch seconds) only reclaims storage, typically
 * within days. `cleanup()` is for local and dev tables (dynalite has no TTL): production relies
 * on native TTL and need not call it.
 *
 * Retried writes: the SDK retries a request whose answer was lost; if the first attempt had
 * succeeded, the retry fails its condition. Every write stores a random `writeId`, so a failed
 * condition whose current item carries our own writeId is recognised as our success.
 *
 * Errors: network, throttling (after the SDK's retries) and unexpected AWS errors become
 * STORE_UNAVAILABLE with a generic message and the AWS error as `cause` (./errors.ts).
 * The client is the caller's: `close()` does not destroy it.
 */
import { randomBytes } from 'node:crypto';
import {
  GetItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { StoreCapabilities } from '../../contract.js';
import { InvalidArgumentError, InvalidCursorError, PayloadTooLargeError, StoreUnavailableError } from '../../errors/index.js';
import type { Owner } from '../../owner.js';
import { isExpired, type TaskRecord } from '../../record.js';
import { BaseTaskStore, type BaseTaskStoreOptions, type RecordPatch, type StoredPage, type WriteCondition, type WriteResult } from '../base.js';
import { batchDelete } from './batch.js';
import { TASK_ITEM, TaskCreates } from './create.js';
import { OwnerQuota } from './quota.js';
import { OwnerStorage } from './storage-caps.js';
import { isConditionalCheckFailed, isItemTooLarge, storeError } from './errors.js';
import { newListKey, partitionKey, taskIdOfListKey, taskSortKey } from './keys.js';
import { itemBytes, itemToRecord, MAX_ITEM_BYTES, recordToItem, type Item } from './marshal.js';
import {
  expiredScanInput,
  getItemInput,
  keyOf,
  listInput,
  transitionInput,
} from './operations.js';
import { ATTR } from './table.js';
import type { TransactionMode } from './transactions.js';

export interface DynamoDbTaskStoreOptions extends BaseTaskStoreOptions {
  /** The caller's client (region, credentials, retries); the store never destroys it. */
  client: DynamoDBClient;
  /** A table created by `createTable` or from infra/template.json. */
  tableName: string;
  /**
   * How long a quota reservation whose task item does not exist still counts, in ms: the time a
   * create may take between its two writes. Default 60 000.
   */
  reservationGraceMs?: number;
  /**
   * Create in ONE TransactWriteItems (reservation + task) instead of two requests: `'auto'`
   * (default: where the endpoint has transactions, learned from the first create), `true`,
   * `false` (two requests: half the write capacity of a transaction, and no transaction
   * conflicts between concurrent creates of one owner). See ./transactions.ts.
   */
  transactions?: TransactionMode;
}

/** Largest `security.maxActiveTasksPerOwner` the quota item can hold. */
export const MAX_ACTIVE_TASKS_LIMIT = 5000;
const BATCH_WRITE_MAX = 25;

const WRITE_ID_PREFIX = randomBytes(9).toString('base64url');
let writeCounter = 0;
const newWriteId = (): string => `${WRITE_ID_PREFIX}${(++writeCounter).toString(36)}`;

/** Rethrow a write's failure: answers we handle (failed condition, item too large) as they are, anything else as STORE_UNAVAILABLE. */
const fail = (err: unknown): never => {
  throw isConditionalCheckFailed(err) || isItemTooLarge(err) ? err : storeError(err);
};
/** Rethrow any failure as STORE_UNAVAILABLE (requests without a condition or a new item). */
const unavailable = (err: unknown): never => {
  throw storeError(err);
};

export class DynamoDbTaskStore extends BaseTaskStore {
  readonly capabilities: StoreCapabilities = { sharedAcrossProcesses: true, storageCaps: true };
  readonly tableName: string;
  readonly #client: DynamoDBClient;
  readonly #quota: OwnerQuota;
  readonly #storage: OwnerStorage;
  readonly #creates: TaskCreates;
  /** Learned from answers: this endpoint returns the current item with a failed condition. */
  #returnsItemOnFailure = false;

  constructor(options: DynamoDbTaskStoreOptions) {
    super(options);
    if (typeof options?.client?.send !== 'function') throw new InvalidArgumentError('DynamoDbTaskStore: options.client must be a DynamoDBClient');
    if (typeof options.tableName !== 'string' || options.tableName.length < 3) {
      throw new InvalidArgumentError('DynamoDbTaskStore: options.tableName must be a DynamoDB table name');
    }
    if (this.security.maxActiveTasksPerOwner > MAX_ACTIVE_TASKS_LIMIT) {
      throw new InvalidArgumentError(`DynamoDbTaskStore: security.maxActiveTasksPerOwner must be at most ${MAX_ACTIVE_TASKS_LIMIT} (one quota item holds every active task of an owner)`);
    }
    const grace = options.reservationGraceMs ?? 60_000;
    if (!Number.isSafeInteger(grace) || grace < 0) throw new InvalidArgumentError('DynamoDbTaskStore: reservationGraceMs must be a non-negative integer');
    this.#client = options.client;
    this.tableName = options.tableName;
    const shared = { client: this.#client, tableName: this.tableName, now: () => this.clock.now(), currentItem: (err: { Item?: Item }, pk: string, sk: string) => this.#currentItem(err, pk, sk) };
    this.#storage = new OwnerStorage({ ...shared, security: this.security });
    this.#quota = new OwnerQuota({ ...shared, storage: this.#storage, graceMs: grace, readTask: (owner, taskId) => this.get(owner, taskId) });
    const transactions = options.transactions ?? 'auto';
    if (transactions !== 'auto' && typeof transactions !== 'boolean') throw new InvalidArgumentError("DynamoDbTaskStore: options.transactions must be 'auto', true or false");
    this.#creates = new TaskCreates({ ...shared, quota: this.#quota, storage: this.#storage, transactions, getItem: (pk, sk) => this.#getItem(pk, sk) });
  }

  /**
   * Whether a create is ONE TransactWriteItems (true) or two requests (false); undefined in
   * 'auto' mode until the first create has learned whether the endpoint has transactions.
   */
  get transactionalCreate(): boolean | undefined {
    return this.#creates.transactional;
  }

  // ---- primitives -----------------------------------------------------------------------------

  protected async _insert(record: TaskRecord, maxActive: number): Promise<void> {
    const pk = partitionKey(record.owner);
    const sk = taskSortKey(record.taskId);
    const writeId = newWriteId();
    const item = recordToItem(record, pk, sk, newListKey(record.createdAt, record.taskId), writeId);
    const size = itemBytes(item);
    // Checked before the reservation: an oversized create consumes no quota and writes nothing.
    if (size > MAX_ITEM_BYTES) throw new PayloadTooLargeError(TASK_ITEM, size, MAX_ITEM_BYTES);
    await this.#creates.insert({ record, item, size, pk, sk, writeId }, maxActive);
  }

  protected async _read(owner: Owner, taskId: string): Promise<TaskRecord | undefined> {
    const item = await this.#getItem(partitionKey(owner), taskSortKey(taskId));
    return item === undefined ? undefined : decode(item);
  }

  protected async _update(owner: Owner, taskId: string, condition: WriteCondition, patch: RecordPatch): Promise<WriteResult> {
    // No status may be written (e.g. updateStatus from a terminal status only): nothing to try.
    if (condition.statusIn.length === 0) return { ok: false, current: await this._read(owner, taskId) };
    const pk = partitionKey(owner);
    const sk = taskSortKey(taskId);
    const writeId = newWriteId();
    const transition = transitionInput(this.tableName, pk, sk, owner, condition, patch, writeId);
    if (transition.bytes > MAX_ITEM_BYTES) throw new PayloadTooLargeError(TASK_ITEM, transition.bytes, MAX_ITEM_BYTES);
    try {
      const out = await this.#client.send(new UpdateItemCommand(transition.input)).catch(fail);
      if (out.Attributes === undefined) throw new StoreUnavailableError('DynamoDB returned no item for a successful write');
      return { ok: true, record: await this.#counted(pk, patch, out.Attributes) };
    } catch (err) {
      if (isConditionalCheckFailed(err)) {
        const item = await this.#currentItem(err, pk, sk);
        if (item === undefined) return { ok: false, current: undefined };
        const current = decode(item);
        if (item[ATTR.writeId]?.S === writeId) return { ok: true, record: await this.#counted(pk, patch, item) }; // our own write, answered to a retry
        return { ok: false, current };
      }
      if (isItemTooLarge(err)) {
        // The new attributes fit, but not with the stored ones: explain with the current item.
        const item = await this.#getItem(pk, sk);
        if (item === undefined) return { ok: false, current: undefined };
        const current = decode(item);
        if (!writable(current, owner, condition)) return { ok: false, current };
        const merged: Item = { ...item, ...transition.sets };
        for (const name of transition.removes) delete merged[name];
        throw new PayloadTooLargeError(TASK_ITEM, Math.max(itemBytes(merged), MAX_ITEM_BYTES + 1), MAX_ITEM_BYTES);
      }
      throw err;
    }
  }

  protected async _list(owner: Owner, after: string | undefined, limit: number, now: number): Promise<StoredPage> {
    const pk = partitionKey(owner);
    let start: Item | undefined;
    if (after !== undefined) {
      const taskId = taskIdOfListKey(after);
      if (taskId === undefined) throw new InvalidCursorError();
      start = { ...keyOf(pk, taskSortKey(taskId)), [ATTR.listKey]: { S: after } };
    }
    const out = await this.#client.send(new QueryCommand(listInput(this.tableName, pk, start, limit, now))).catch(unavailable);
    const items = out.Items ?? [];
    let next: string | undefined;
    if (items.length > limit) {
      // One item more than the page was found: more follow, and the page ends before it.
      items.length = limit;
      next = items[limit - 1]![ATTR.listKey]?.S;
    } else {
      next = out.LastEvaluatedKey?.[ATTR.listKey]?.S;
    }
    const records = items.map(decode).filter((r) => r.owner === owner && !isExpired(r, now));
    return next === undefined ? { records } : { records, next };
  }

  protected async _deleteExpired(now: number): Promise<number> {
    let removed = 0;
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.#client.send(new ScanCommand(expiredScanInput(this.tableName, now, start))).catch(unavailable);
      const keys = (page.Items ?? []).map((i) => ({ [ATTR.pk]: i[ATTR.pk]!, [ATTR.sk]: i[ATTR.sk]! }));
      for (let i = 0; i < keys.length; i += BATCH_WRITE_MAX) {
        await batchDelete(this.#client, this.tableName, keys.slice(i, i + BATCH_WRITE_MAX));
      }
      removed += keys.length;
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return removed;
  }

  // ---- quota and storage ----------------------------------------------------------------------

  /** The record of a successful write, after moving the owner's usage by the bytes it changed. */
  async #counted(pk: string, patch: RecordPatch, item: Item): Promise<TaskRecord> {
    const record = decode(item);
    // A completion grew the task by its outcome; a variables write by what DynamoDB computed.
    const delta = patch.storedBytes !== undefined ? Number(item[ATTR.bytesDelta]?.N ?? 0) : patch.outcomeBytes;
    if (delta !== undefined) await this.#storage.adjust(pk, record, delta);
    return record;
  }

  // ---- helpers --------------------------------------------------------------------------------

  async #getItem(pk: string, sk: string): Promise<Item | undefined> {
    const out = await this.#client.send(new GetItemCommand(getItemInput(this.tableName, pk, sk))).catch(unavailable);
    return out.Item;
  }

  /**
   * The item a conditional write failed against: the one DynamoDB returned with the failure
   * (ReturnValuesOnConditionCheckFailure: ALL_OLD), or, from endpoints that do not return it
   * (dynalite), ONE strongly consistent GetItem. Once the endpoint has returned an item, a
   * failure without one means the item does not exist, and no read is needed.
   */
  async #currentItem(err: { Item?: Item }, pk: string, sk: string): Promise<Item | undefined> {
    if (err.Item !== undefined) {
      this.#returnsItemOnFailure = true;
      return err.Item;
    }
    return this.#returnsItemOnFailure ? undefined : this.#getItem(pk, sk);
  }

}

function decode(item: Item): TaskRecord {
  try {
    return itemToRecord(item);
  } catch (err) {
    throw new StoreUnavailableError('DynamoDB returned a malformed task item', { cause: err });
  }
}

/** Whether the write described by `condition` would apply to `current`. */
function writable(current: TaskRecord, owner: Owner, condition: WriteCondition): boolean {
  return (
    current.owner === owner &&
    condition.statusIn.includes(current.status) &&
    !isExpired(current, condition.now) &&
    (condition.version === undefined || condition.version === current.version) &&
    (condition.leaseHolder === undefined || condition.leaseHolder === current.lease?.holder) &&
    (condition.leaseExpiresAt === undefined || condition.leaseExpiresAt === current.lease?.expiresAt)
  );
}
