/**
 * `BaseTaskStore` implements the TaskStore contract (src/contract.ts) once: argument checks,
 * owner policy, limits, TTLs, the state machine, cursors and change events. A backend supplies
 * only storage, as five primitives (the `abstract-level` `put()` -> `_put()` split), so every store
 * gives identical checks and error codes.
 */
import { systemClock, type Clock } from '../clock.js';
import type { CompleteInput, CreateTaskInput, InputCommand, InputCommandResult, ListOptions, StatusUpdate } from '../contract.js';
import type { StoreCapabilities, TaskPage, TaskResult, TaskStore, TaskChange } from '../contract.js';
import { CursorCodec } from '../cursor.js';
import { ConcurrentModificationError, InvalidArgumentError, InvalidTransitionError } from '../errors/index.js';
import { TaskNotFoundError, TaskNotTerminalError, TaskTerminalError } from '../errors/index.js';
import { isPlainObject, type JsonValue } from '../json.js';
import { checkLease, checkOutcome, checkOwner, checkStatusMessage, checkStatusUpdate, checkTaskId } from './input-checks.js';
import { checkVariables, storedBytesWith } from './input-checks.js';
import type { Owner } from '../owner.js';
import { ChangeListeners } from './change-listeners.js';
import { checkInputCommand, stepInput } from './input-channel.js';
import { expiryFailureWrite, mustFailForLease, renewalWrite, takeoverWrite } from './lease-rules.js';
import { newTaskRecord } from './new-record.js';
import { isExpired, type TaskRecord } from '../record.js';
import { resolveSecurityConfig, type SecurityConfig } from '../security.js';
import { isTerminal, sourcesOf, type TaskStatus } from '../status.js';
import type { BaseTaskStoreOptions, RecordPatch, StoredPage, WriteCondition, WriteResult } from './primitives.js';

export type { BaseTaskStoreOptions, RecordPatch, StoredPage, WriteCondition, WriteResult } from './primitives.js';

const INTO_COMPLETED = sourcesOf('completed');
const INTO_FAILED = sourcesOf('failed');
const INTO_CANCELLED = sourcesOf('cancelled');

/** How often a variables merge re-reads and retries after losing a race before giving up. */
const MERGE_ATTEMPTS = 8;

export abstract class BaseTaskStore implements TaskStore {
  readonly security: Readonly<SecurityConfig>;
  abstract readonly capabilities: StoreCapabilities;
  /** The clock every rule of this store decides by (contract: `TaskStore.clock`). */
  readonly clock: Clock;
  readonly #cursors: CursorCodec;
  readonly #changes = new ChangeListeners();

  constructor(options: BaseTaskStoreOptions = {}) {
    this.security = resolveSecurityConfig(options.security);
    this.clock = options.clock ?? systemClock;
    this.#cursors = new CursorCodec(options.cursorSecret, this.clock, this.security.cursorTtlMs);
  }

  // ---- storage primitives -------------------------------------------------------------------
  // They may answer synchronously (the memory store does): the base awaits only real promises,
  // which saves a microtask per call on the hot path.

  /** Insert a new record; throw QuotaExceededError (atomically) if the owner has `maxActive` active, unexpired tasks. */
  protected abstract _insert(record: TaskRecord, maxActive: number): Promise<void> | void;
  /** The stored record, expired or not, or undefined. */
  protected abstract _read(owner: Owner, taskId: string): Promise<TaskRecord | undefined> | TaskRecord | undefined;
  /** One atomic conditional write (see WriteCondition); on failure report the current record. */
  protected abstract _update(
    owner: Owner,
    taskId: string,
    condition: WriteCondition,
    patch: RecordPatch,
  ): Promise<WriteResult> | WriteResult;
  /** Up to `limit` unexpired records after `after` (exclusive), in creation order. */
  protected abstract _list(owner: Owner, after: string | undefined, limit: number, now: number): Promise<StoredPage>;
  /** Delete every record expired at `now`; return how many. */
  protected abstract _deleteExpired(now: number): Promise<number>;

  // ---- the contract ---------------------------------------------------------------------------

  async create(owner: Owner, input: CreateTaskInput): Promise<TaskRecord> {
    checkOwner(owner, this.security);
    const record = newTaskRecord(owner, input, this.security, this.clock, this.capabilities);
    const inserted = this._insert(record, this.security.maxActiveTasksPerOwner);
    if (inserted instanceof Promise) await inserted;
    this.#changes.emit(record);
    return record;
  }

  async get(owner: Owner, taskId: string): Promise<TaskRecord> {
    checkOwner(owner, this.security);
    checkTaskId(taskId);
    const read = this._read(owner, taskId);
    const record = read instanceof Promise ? await read : read;
    const now = this.clock.now();
    if (!record || record.owner !== owner || isExpired(record, now)) throw new TaskNotFoundError(taskId);
    return mustFailForLease(record, now) ? this.#failExpiredLease(owner, record, now, true) : record;
  }

  async updateStatus(owner: Owner, taskId: string, update: StatusUpdate): Promise<TaskRecord> {
    checkOwner(owner, this.security);
    checkTaskId(taskId);
    const from = checkStatusUpdate(update);
    // A status "moving" to itself only updates the message; otherwise only real transitions.
    const allowed = from.filter((s) => s === update.to || sourcesOf(update.to).includes(s));
    const patch: RecordPatch = { status: update.to, lastUpdatedAt: this.clock.now() };
    if (update.statusMessage !== undefined) {
      patch.statusMessage = update.statusMessage === null ? null : checkStatusMessage(update.statusMessage);
    }
    return this.#write(owner, taskId, allowed, patch, (current) =>
      isTerminal(current.status)
        ? new TaskTerminalError(taskId, current.status)
        : new InvalidTransitionError(
            taskId,
            current.status,
            update.to,
            from.includes(current.status) ? undefined : `expected status ${from.join(' or ')}`,
          ),
    );
  }

  async setVariables(owner: Owner, taskId: string, patch: { [key: string]: JsonValue | null }): Promise<TaskRecord> {
    if (!isPlainObject(patch)) throw new InvalidArgumentError('setVariables: patch must be a plain object');
    const { task } = await this.#merge(owner, taskId, (current, now) => {
      if (isTerminal(current.status)) throw new TaskTerminalError(taskId, current.status, 'set variables');
      const variables = checkVariables(this.security, patch, current.variables);
      const write: RecordPatch = { variables: variables.copy, lastUpdatedAt: now };
      if (current.storedBytes !== undefined) write.storedBytes = storedBytesWith(current, variables.size);
      return { patch: write, result: {} };
    });
    return task;
  }

  async input(owner: Owner, taskId: string, command: InputCommand): Promise<InputCommandResult> {
    checkInputCommand(command);
    const { task, result } = await this.#merge(owner, taskId, (current, now) => stepInput(current, command, now, this.security));
    return { task, ...result };
  }

  async complete(owner: Owner, taskId: string, input: CompleteInput): Promise<TaskRecord> {
    checkOwner(owner, this.security);
    checkTaskId(taskId);
    const { outcome, size } = checkOutcome(input, this.security);
    const patch: RecordPatch = { status: input.status, outcome, lastUpdatedAt: this.clock.now(), outcomeBytes: size };
    if (input.statusMessage !== undefined) patch.statusMessage = checkStatusMessage(input.statusMessage);
    return this.#write(owner, taskId, input.status === 'completed' ? INTO_COMPLETED : INTO_FAILED, patch, (current) =>
      isTerminal(current.status)
        ? new TaskTerminalError(taskId, current.status, 'complete task')
        : new InvalidTransitionError(taskId, current.status, input.status),
    );
  }

  async getResult(owner: Owner, taskId: string): Promise<TaskResult> {
    const task = await this.get(owner, taskId);
    if (!isTerminal(task.status)) throw new TaskNotTerminalError(taskId, task.status);
    return { task, outcome: task.outcome };
  }

  async list(owner: Owner, options: ListOptions = {}): Promise<TaskPage> {
    checkOwner(owner, this.security);
    if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('list: options must be an object');
    const { cursor, limit = this.security.defaultPageSize } = options;
    if (!Number.isSafeInteger(limit) || limit < 1)
      throw new InvalidArgumentError(`list: limit must be a positive integer, got ${String(limit)}`);
    const after = cursor === undefined ? undefined : this.#cursors.decode(owner, cursor);
    const now = this.clock.now();
    const page = await this._list(owner, after, Math.min(limit, this.security.maxPageSize), now);
    for (let i = 0; i < page.records.length; i++) {
      const record = page.records[i]!;
      if (mustFailForLease(record, now)) page.records[i] = await this.#failExpiredLease(owner, record, now, false);
    }
    return page.next === undefined ? { tasks: page.records } : { tasks: page.records, nextCursor: this.#cursors.encode(owner, page.next) };
  }

  async cancel(owner: Owner, taskId: string, statusMessage = 'The task was cancelled by request.'): Promise<TaskRecord> {
    checkOwner(owner, this.security);
    checkTaskId(taskId);
    const patch: RecordPatch = { status: 'cancelled', statusMessage: checkStatusMessage(statusMessage), lastUpdatedAt: this.clock.now() };
    return this.#write(owner, taskId, INTO_CANCELLED, patch, (current) => new TaskTerminalError(taskId, current.status, 'cancel task'));
  }

  async renewLease(owner: Owner, taskId: string, holder: string, leaseMs: number): Promise<TaskRecord> {
    checkOwner(owner, this.security);
    checkTaskId(taskId);
    checkLease(holder, leaseMs);
    const now = this.clock.now();
    const { condition, patch } = renewalWrite(holder, leaseMs, now);
    const result = await this._update(owner, taskId, condition, patch);
    if (result.ok) return result.record;
    const current = result.current;
    if (!current || current.owner !== owner || isExpired(current, now)) throw new TaskNotFoundError(taskId);
    return current;
  }

  async takeOverLease(owner: Owner, taskId: string, holder: string, leaseMs: number, from?: string): Promise<TaskRecord | undefined> {
    checkLease(holder, leaseMs);
    if (from !== undefined && typeof from !== 'string') throw new InvalidArgumentError('takeOverLease: from must be a string');
    const record = await this.get(owner, taskId);
    const now = this.clock.now();
    const write = takeoverWrite(record, holder, leaseMs, now, from);
    if (!write) return undefined;
    const result = await this._update(owner, taskId, write.condition, write.patch);
    if (result.ok) this.#changes.emit(result.record);
    return result.ok ? result.record : undefined;
  }

  cleanup(): Promise<number> {
    return this._deleteExpired(this.clock.now());
  }

  onChange(listener: (change: TaskChange) => void): () => void {
    return this.#changes.add(listener);
  }

  async close(): Promise<void> {
    this.#changes.clear();
  }

  /** A write made by another process (found by a change feed): listeners get it with `remote: true`. */
  protected emitRemote(task: TaskRecord): void {
    this.#changes.emit(task, true);
  }

  // ---- shared rules ---------------------------------------------------------------------------

  /**
   * Read, compute, write conditioned on the version read; retried when another write won
   * (variables merges and side-channel commands must never lose a concurrent change).
   */
  async #merge<T>(
    owner: Owner,
    taskId: string,
    step: (current: TaskRecord, now: number) => { patch?: RecordPatch; result: T },
  ): Promise<{ task: TaskRecord; result: T }> {
    checkOwner(owner, this.security);
    checkTaskId(taskId);
    for (let attempt = 0; attempt < MERGE_ATTEMPTS; attempt++) {
      const current = await this.get(owner, taskId);
      const now = this.clock.now();
      const { patch, result } = step(current, now);
      if (!patch) return { task: current, result };
      const written = await this._update(owner, taskId, { statusIn: [current.status], version: current.version, now }, patch);
      if (written.ok) {
        this.#changes.emit(written.record);
        return { task: written.record, result };
      }
    }
    throw new ConcurrentModificationError(taskId);
  }

  /** One conditional write; a refusal is explained from the current record without another race. */
  async #write(
    owner: Owner,
    taskId: string,
    statusIn: readonly TaskStatus[],
    patch: RecordPatch,
    refusal: (current: TaskRecord) => Error,
  ): Promise<TaskRecord> {
    const now = patch.lastUpdatedAt ?? this.clock.now();
    const update = this._update(owner, taskId, { statusIn, now }, patch);
    const result = update instanceof Promise ? await update : update;
    if (result.ok) {
      this.#changes.emit(result.record);
      return result.record;
    }
    const current = result.current;
    if (!current || current.owner !== owner || isExpired(current, now)) throw new TaskNotFoundError(taskId);
    throw refusal(current);
  }

  /**
   * An active task whose lease expired: its worker stopped. ONE conditional write to `failed`,
   * conditioned on the status and the same lease expiry (a renewal racing it wins). Returns the
   * resulting record, or the current one when the condition failed.
   */
  async #failExpiredLease(owner: Owner, record: TaskRecord, now: number, mustExist: boolean): Promise<TaskRecord> {
    const { condition, patch } = expiryFailureWrite(record, now);
    const result = await this._update(owner, record.taskId, condition, patch);
    if (result.ok) {
      this.#changes.emit(result.record);
      return result.record;
    }
    const current = result.current;
    if (!current || current.owner !== owner || isExpired(current, now)) {
      if (mustExist) throw new TaskNotFoundError(record.taskId);
      return record;
    }
    return current;
  }
}
