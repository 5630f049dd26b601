/**
 * `PostgresTaskStore`: the TaskStore contract on PostgreSQL, shared by any number of processes
 * (give them all the same `cursorSecret`), or embedded on PGlite in one process. Schema and
 * migrations: ./schema.ts, ./migrations.ts; every statement: ./statements.ts.
 *
 * Statements per operation (asserted by test/postgres/statements.test.ts):
 * - get, getResult: 1 SELECT by primary key.
 * - updateStatus, complete, cancel, renewLease, lease-expiry failure: 1 statement, an UPDATE
 *   conditioned on owner, status (compare-and-set), exact expiry and, where asked, version or
 *   lease, that also returns the current row when it did not apply (so a refusal costs nothing
 *   more) and notifies the change feed.
 * - create: 1 statement, a call of the create function: owner lock, quota and storage-cap counts
 *   and the INSERT in one transaction, so both limits are exact across instances.
 * - setVariables, input (side channel), takeOverLease: 1 SELECT + 1 conditional UPDATE (the base
 *   class merges, and retries a lost race; the merge and its size checks happen in JS).
 * - list page: 1 SELECT on (owner, seq). cleanup: 1 DELETE per 1 000 expired tasks.
 *
 * Expiry: every statement is given the store clock's `now`; rows past `expires_at` are invisible
 * and unwritable at once, and a sweeper (`cleanupIntervalMs`, default 60 s, every instance)
 * deletes them. Change feed: ./change-feed.ts (started by the first `onChange` subscriber).
 * Errors: ./errors.ts. The pool or PGlite instance is the caller's: `close()` does not end it.
 */
import type { StoreCapabilities, TaskChange } from '../../contract.js';
import {
  InvalidCursorError,
  InvalidOptionsError,
  QuotaExceededError,
  StorageExhaustedError,
  StoreUnavailableError,
} from '../../errors/index.js';
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
import { ChangeFeed } from './change-feed.js';
import { driverFor, type ConnectionOptions } from './connection.js';
import type { SqlDriver } from './driver.js';
import { unavailable } from './errors.js';
import { rowToRecord, seqOf, type Row } from './marshal.js';
import { schemaNames, type SchemaNames } from './schema.js';
import { createStatement, deleteExpiredStatement, listStatement, readStatement, updateStatement, type Statement } from './statements.js';

export interface PostgresTaskStoreOptions extends BaseTaskStoreOptions, ConnectionOptions {
  /** Run `cleanup()` this often (ms); `null`: never. The timer never keeps the process alive. Default 60 000. */
  cleanupIntervalMs?: number | null;
}

export const DEFAULT_CLEANUP_INTERVAL_MS = 60_000;
/** Expired tasks deleted per cleanup statement. */
const CLEANUP_BATCH = 1_000;
const CURSOR_SEQ = /^\d{1,18}$/;

export class PostgresTaskStore extends BaseTaskStore {
  readonly capabilities: StoreCapabilities = { sharedAcrossProcesses: true, storageCaps: true, pushesRemoteChanges: true };
  /** The PostgreSQL schema holding this store's table. */
  readonly schema: string;
  readonly #driver: SqlDriver;
  readonly #names: SchemaNames;
  readonly #feed: ChangeFeed;
  readonly #interests = new Set<(taskId: string) => boolean>();
  readonly #detachPool: () => void;
  #timer: NodeJS.Timeout | undefined;
  #feedStarted = false;

  constructor(options: PostgresTaskStoreOptions) {
    super(options);
    this.#driver = driverFor(options, 'PostgresTaskStore');
    this.#names = schemaNames(options.schema);
    this.schema = this.#names.schema;
    this.#feed = new ChangeFeed({
      read: (owner, taskId) => this._read(owner, taskId),
      now: () => this.clock.now(),
      emit: (task) => this.emitRemote(task),
      wants: (taskId) => this.#interests.size === 0 || [...this.#interests].some((wants) => wants(taskId)),
    });
    const interval = options.cleanupIntervalMs === undefined ? DEFAULT_CLEANUP_INTERVAL_MS : options.cleanupIntervalMs;
    if (interval !== null && (!Number.isSafeInteger(interval) || interval < 1))
      throw new InvalidOptionsError('PostgresTaskStore: cleanupIntervalMs must be a positive integer or null');
    if (interval !== null) {
      // Every instance sweeps: a DELETE of rows already deleted by another costs one index probe.
      this.#timer = setInterval(() => void this.cleanup().catch(() => undefined), interval);
      this.#timer.unref();
    }
    // An idle pooled connection the server closed (restart, failover) makes the Pool emit
    // 'error'; unheard, that would end the process. The next statement reconnects.
    const onPoolError = (): void => undefined;
    options.pool?.on('error', onPoolError);
    this.#detachPool = () => void options.pool?.removeListener('error', onPoolError);
  }

  // ---- primitives -----------------------------------------------------------------------------

  protected async _insert(record: TaskRecord, maxActive: number): Promise<void> {
    const { maxStoredTasksPerOwner: maxStoredTasks, maxStoredBytesPerOwner: maxStoredBytes } = this.security;
    const { rows } = await this.#run(
      createStatement(this.#names, record, { maxActive, maxStoredTasks, maxStoredBytes }, this.#feed.origin),
    );
    switch (rows[0]?.outcome) {
      case 'ok':
        return;
      case 'quota':
        throw new QuotaExceededError(maxActive);
      case 'stored_tasks':
        throw new StorageExhaustedError(`${maxStoredTasks} stored tasks per requestor`);
      case 'stored_bytes':
        throw new StorageExhaustedError(`${maxStoredBytes} stored bytes per requestor`);
      default:
        throw new StoreUnavailableError('the create function of the PostgreSQL schema gave no answer');
    }
  }

  protected async _read(owner: Owner, taskId: string): Promise<TaskRecord | undefined> {
    const { rows } = await this.#run(readStatement(this.#names, taskId));
    return rows[0] === undefined ? undefined : rowToRecord(rows[0]);
  }

  protected async _update(owner: Owner, taskId: string, condition: WriteCondition, patch: RecordPatch): Promise<WriteResult> {
    // No status may be written (e.g. updateStatus from a terminal status only): nothing to try.
    if (condition.statusIn.length === 0) return { ok: false, current: await this._read(owner, taskId) };
    // A lease renewal is not a change of the task: the store announces none, here or elsewhere.
    const renewal = condition.leaseHolder !== undefined && Object.keys(patch).every((key) => key === 'lease');
    const { rows } = await this.#run(
      updateStatement(this.#names, owner, taskId, condition, patch, renewal ? undefined : this.#feed.origin),
    );
    const row = rows[0];
    if (row === undefined) return { ok: false, current: undefined };
    return row.applied === true ? { ok: true, record: rowToRecord(row) } : { ok: false, current: rowToRecord(row) };
  }

  protected async _list(owner: Owner, after: string | undefined, limit: number, now: number): Promise<StoredPage> {
    if (after !== undefined && !CURSOR_SEQ.test(after)) throw new InvalidCursorError();
    // One row more than the page: when it exists, more follow and the page ends before it.
    const { rows } = await this.#run(listStatement(this.#names, owner, after, limit + 1, now));
    const page: Row[] = rows.length > limit ? rows.slice(0, limit) : rows;
    const records = page.map(rowToRecord);
    return rows.length > limit ? { records, next: seqOf(page[page.length - 1]!) } : { records };
  }

  protected async _deleteExpired(now: number): Promise<number> {
    let removed = 0;
    for (;;) {
      const { rowCount } = await this.#run(deleteExpiredStatement(this.#names, now, CLEANUP_BATCH));
      removed += rowCount;
      if (rowCount < CLEANUP_BATCH) return removed;
    }
  }

  // ---- change feed ----------------------------------------------------------------------------

  /** Subscribing starts the change feed (one listening connection), so writes of other instances arrive too. */
  override onChange(listener: (change: TaskChange) => void): () => void {
    if (!this.#feedStarted) {
      this.#feedStarted = true;
      // The feed must not announce a record older than one this store's own write announced.
      super.onChange((change) => change.remote !== true && this.#feed.saw(change.task));
      this.#feed.start(this.#driver, this.#names.channel);
    }
    return super.onChange(listener);
  }

  /** See the contract (`interestIn`): other instances' writes are read and announced only for tasks some filter wants. */
  interestIn(wants: (taskId: string) => boolean): () => void {
    this.#interests.add(wants);
    return () => void this.#interests.delete(wants);
  }

  /** See the contract (`changeFeedEpoch`): a number while the change feed is live, undefined while it is down. */
  changeFeedEpoch(): number | undefined {
    return this.#feed.epoch();
  }

  override async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#detachPool();
    await this.#feed.stop();
    await super.close();
  }

  #run(statement: Statement) {
    return this.#driver.query(statement.text, statement.values).catch(unavailable);
  }
}
