/**
 * `DynamoDbTaskStore`: the TaskStore contract on one DynamoDB table, shared by any number of
 * processes (give them all the same `cursorSecret`). Table and keys: ./table.ts, ./keys.ts;
 * reads: ./reads.ts.
 *
 * Requests per operation (the minimum each needs; asserted by test/dynamodb/requests.test.ts):
 * - get, getResult: 1 GetItem (strongly consistent).
 * - updateStatus, cancel, complete: 1 conditional UpdateItem (owner where the key does not name
 *   it, status compare-and-set, exact expiry; never read-then-write); complete and setVariables
 *   send 1 UpdateItem more, moving the owner's stored bytes, when a byte cap is set. A write
 *   answers only the attributes it changed when this instance knows the item (./known-items.ts),
 *   else the whole item; after another instance's write it reads the item once. A refusal is
 *   explained from the item DynamoDB returns with it (`ReturnValuesOnConditionCheckFailure`);
 *   endpoints that return none (dynalite) cost ONE extra GetItem, only to choose the error.
 * - setVariables: 1 GetItem + 1 UpdateItem (conditional on the version read; a lost race retried).
 * - list page: 1 Query on the creation-order LSI.
 * - create: ONE TransactWriteItems (quota reservation + task put) where the endpoint has
 *   transactions, else 2 (./create.ts, ./transactions.ts).
 * - cleanup: Scan pages + BatchWriteItem per 25 expired items.
 *
 * Quota (R38) and storage caps: one quota item per owner takes every create's reservation, so
 * both are exact across instances (./quota.ts, ./storage-caps.ts).
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
import { UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { StoreCapabilities } from '../../contract.js';
import { ConcurrentModificationError, InvalidArgumentError, PayloadTooLargeError, StoreUnavailableError } from '../../errors/index.js';
import type { Owner } from '../../owner.js';
import type { TaskRecord } from '../../record.js';
import {
  BaseTaskStore,
  type BaseTaskStoreOptions,
  type RecordPatch,
  type StoredPage,
  type WriteCondition,
  type WriteResult,
} from '../base.js';
import { deleteExpired } from './batch.js';
import { TASK_ITEM, TaskCreates } from './create.js';
import { KnownItems } from './known-items.js';
import { OwnerQuota } from './quota.js';
import { TaskReads } from './reads.js';
import { OwnerStorage } from './storage-caps.js';
import { isConditionalCheckFailed, isItemTooLarge, storeError } from './errors.js';
import { newListKey, partitionKey, taskSortKey } from './keys.js';
import { decode, itemBytes, MAX_ITEM_BYTES, recordToItem, type Item } from './marshal.js';
import { transitionInput, writable } from './operations.js';
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

const WRITE_ID_PREFIX = randomBytes(9).toString('base64url');
let writeCounter = 0;
const newWriteId = (): string => `${WRITE_ID_PREFIX}${(++writeCounter).toString(36)}`;
/** Writes of one update whose stamp another instance outran (each retry means another write landed). */
const STAMP_ATTEMPTS = 4;

/** Rethrow a write's failure: answers we handle (failed condition, item too large) as they are, anything else as STORE_UNAVAILABLE. */
const fail = (err: unknown): never => {
  throw isConditionalCheckFailed(err) || isItemTooLarge(err) ? err : storeError(err);
};

export class DynamoDbTaskStore extends BaseTaskStore {
  readonly capabilities: StoreCapabilities = { sharedAcrossProcesses: true, storageCaps: true };
  readonly tableName: string;
  readonly #client: DynamoDBClient;
  readonly #quota: OwnerQuota;
  readonly #storage: OwnerStorage;
  readonly #creates: TaskCreates;
  /** Task items last written or read here: writes answer only what they changed (./known-items.ts). */
  readonly #known = new KnownItems();
  /** GetItem, the item behind a failed condition, list pages (./reads.ts). */
  readonly #reads: TaskReads;

  constructor(options: DynamoDbTaskStoreOptions) {
    super(options);
    if (typeof options?.client?.send !== 'function')
      throw new InvalidArgumentError('DynamoDbTaskStore: options.client must be a DynamoDBClient');
    if (typeof options.tableName !== 'string' || options.tableName.length < 3) {
      throw new InvalidArgumentError('DynamoDbTaskStore: options.tableName must be a DynamoDB table name');
    }
    if (this.security.maxActiveTasksPerOwner > MAX_ACTIVE_TASKS_LIMIT) {
      throw new InvalidArgumentError(
        `DynamoDbTaskStore: security.maxActiveTasksPerOwner must be at most ${MAX_ACTIVE_TASKS_LIMIT} (one quota item holds every active task of an owner)`,
      );
    }
    const grace = options.reservationGraceMs ?? 60_000;
    if (!Number.isSafeInteger(grace) || grace < 0)
      throw new InvalidArgumentError('DynamoDbTaskStore: reservationGraceMs must be a non-negative integer');
    this.#client = options.client;
    this.tableName = options.tableName;
    this.#reads = new TaskReads(this.#client, this.tableName, this.#known);
    const shared = {
      client: this.#client,
      tableName: this.tableName,
      now: () => this.clock.now(),
      currentItem: (err: { Item?: Item }, pk: string, sk: string) => this.#reads.currentItem(err, pk, sk),
    };
    this.#storage = new OwnerStorage({ ...shared, security: this.security });
    this.#quota = new OwnerQuota({
      ...shared,
      storage: this.#storage,
      graceMs: grace,
      readTask: (owner, taskId) => this.get(owner, taskId),
    });
    const transactions = options.transactions ?? 'auto';
    if (transactions !== 'auto' && typeof transactions !== 'boolean')
      throw new InvalidArgumentError("DynamoDbTaskStore: options.transactions must be 'auto', true or false");
    this.#creates = new TaskCreates({
      ...shared,
      quota: this.#quota,
      storage: this.#storage,
      transactions,
      getItem: (pk, sk) => this.#reads.getItem(pk, sk),
    });
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
    this.#known.set(pk, sk, item);
  }

  protected async _read(owner: Owner, taskId: string): Promise<TaskRecord | undefined> {
    const item = await this.#reads.getItem(partitionKey(owner), taskSortKey(taskId));
    return item === undefined ? undefined : decode(item);
  }

  /** The whole item after a successful write that answered `attributes` (ALL_NEW, or UPDATED_NEW over `known`). */
  async #written(pk: string, sk: string, known: Item | undefined, attributes: Item, removes: readonly string[]): Promise<Item> {
    if (known === undefined) return attributes;
    const merged = KnownItems.merge(known, attributes, removes);
    if (merged !== undefined) return merged;
    // Another instance wrote the task since we knew it: read it once (the write has landed).
    const item = await this.#reads.getItem(pk, sk);
    if (item === undefined) throw new StoreUnavailableError('a task vanished right after a successful write');
    return item;
  }

  /**
   * `lastUpdatedAt` never goes back (R33), though instances' clocks may disagree: a write stamped
   * before the stored stamp fails its condition on it alone and is written again with the stored
   * stamp (as PostgreSQL's GREATEST does in one statement). Each retry means another write landed
   * in between; after a few, the write is refused as concurrent.
   */
  protected async _update(owner: Owner, taskId: string, condition: WriteCondition, patch: RecordPatch): Promise<WriteResult> {
    for (let attempt = 1; ; attempt++) {
      const result = await this.#updateOnce(owner, taskId, condition, patch);
      const stamp = patch.lastUpdatedAt;
      const current = result.ok ? undefined : result.current;
      if (!current || stamp === undefined || current.lastUpdatedAt <= stamp || !writable(current, owner, condition)) return result;
      if (attempt === STAMP_ATTEMPTS) throw new ConcurrentModificationError(taskId);
      patch = { ...patch, lastUpdatedAt: current.lastUpdatedAt };
    }
  }

  async #updateOnce(owner: Owner, taskId: string, condition: WriteCondition, patch: RecordPatch): Promise<WriteResult> {
    // No status may be written (e.g. updateStatus from a terminal status only): nothing to try.
    if (condition.statusIn.length === 0) return { ok: false, current: await this._read(owner, taskId) };
    const pk = partitionKey(owner);
    const sk = taskSortKey(taskId);
    const writeId = newWriteId();
    const transition = transitionInput(this.tableName, pk, sk, owner, condition, patch, writeId);
    if (transition.bytes > MAX_ITEM_BYTES) throw new PayloadTooLargeError(TASK_ITEM, transition.bytes, MAX_ITEM_BYTES);
    const known = this.#known.get(pk, sk);
    if (known !== undefined) transition.input.ReturnValues = 'UPDATED_NEW'; // ./known-items.ts
    try {
      const out = await this.#client.send(new UpdateItemCommand(transition.input)).catch(fail);
      if (out.Attributes === undefined) throw new StoreUnavailableError('DynamoDB returned no item for a successful write');
      const item = await this.#written(pk, sk, known, out.Attributes, transition.removes);
      return { ok: true, record: await this.#counted(pk, sk, patch, item) };
    } catch (err) {
      if (isConditionalCheckFailed(err)) {
        const item = await this.#reads.currentItem(err, pk, sk);
        this.#known.set(pk, sk, item);
        if (item === undefined) return { ok: false, current: undefined };
        const current = decode(item);
        if (item[ATTR.writeId]?.S === writeId) return { ok: true, record: await this.#counted(pk, sk, patch, item) }; // our own write, answered to a retry
        return { ok: false, current };
      }
      if (isItemTooLarge(err)) {
        // The new attributes fit, but not with the stored ones: explain with the current item.
        const item = await this.#reads.getItem(pk, sk);
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

  protected _list(owner: Owner, after: string | undefined, limit: number, now: number): Promise<StoredPage> {
    return this.#reads.page(owner, after, limit, now);
  }

  protected _deleteExpired(now: number): Promise<number> {
    return deleteExpired(this.#client, this.tableName, now);
  }

  // ---- quota and storage ----------------------------------------------------------------------

  /** The record of a successful write (its item now the known one), after moving the owner's usage by the bytes it changed. */
  async #counted(pk: string, sk: string, patch: RecordPatch, item: Item): Promise<TaskRecord> {
    const record = decode(item);
    this.#known.set(pk, sk, item);
    // A completion grew the task by its outcome; a variables write by what DynamoDB computed.
    const delta = patch.storedBytes !== undefined ? Number(item[ATTR.bytesDelta]?.N ?? 0) : patch.outcomeBytes;
    if (delta !== undefined) await this.#storage.adjust(pk, record, delta);
    return record;
  }
}
