/**
 * `InMemoryTaskStore`: the TaskStore contract in one process's memory.
 *
 * Layout: per owner, a map by task ID and an array in creation order (each record tagged with a
 * store-wide sequence number), so a list page is a binary search plus O(page) work whatever the
 * number of tasks. Records are frozen and shared, never copied on read. Every primitive runs
 * synchronously between awaits, which makes each write (and the quota check with its insert)
 * atomic in a single-threaded process.
 */
import type { StoreCapabilities } from '../contract.js';
import { InvalidArgumentError, QuotaExceededError, StorageExhaustedError } from '../errors/index.js';
import type { Owner } from '../owner.js';
import { isExpired, type TaskRecord } from '../record.js';
import { isTerminal } from '../status.js';
import {
  BaseTaskStore,
  type BaseTaskStoreOptions,
  type RecordPatch,
  type StoredPage,
  type WriteCondition,
  type WriteResult,
} from './base.js';

export interface InMemoryTaskStoreOptions extends BaseTaskStoreOptions {
  /** Run `cleanup()` this often (ms). The timer never keeps the process alive. Default: off. */
  cleanupIntervalMs?: number;
  /**
   * JSON bytes of all stored tasks, every owner together (the process's memory is one budget,
   * whatever the per-owner caps). Creation beyond it fails with QUOTA_EXCEEDED; `null` = none.
   * Default 256 MiB.
   */
  maxTotalBytes?: number | null;
}

export const DEFAULT_MAX_TOTAL_BYTES = 256 * 1024 * 1024;
/** Bytes counted per task besides its JSON (IDs, timestamps, maps): keeps tiny tasks honest. */
const RECORD_OVERHEAD_BYTES = 512;

interface Entry {
  seq: number;
  record: TaskRecord;
}

interface OwnerTasks {
  byId: Map<string, Entry>;
  /** Ascending `seq`; may hold entries already deleted from `byId` until the next compaction. */
  order: Entry[];
  /** IDs of tasks that are (or were, until expiry) working or input_required. */
  active: Set<string>;
  /** Bytes of the tasks in `byId` (see `bytesOf`). */
  bytes: number;
}

export class InMemoryTaskStore extends BaseTaskStore {
  readonly capabilities: StoreCapabilities = { sharedAcrossProcesses: false, storageCaps: true };
  readonly maxTotalBytes: number | null;
  readonly #owners = new Map<Owner, OwnerTasks>();
  #seq = 0;
  #bytes = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: InMemoryTaskStoreOptions = {}) {
    super(options);
    const total = options.maxTotalBytes === undefined ? DEFAULT_MAX_TOTAL_BYTES : options.maxTotalBytes;
    if (total !== null && (!Number.isSafeInteger(total) || total < 1))
      throw new InvalidArgumentError('maxTotalBytes must be a positive integer or null');
    this.maxTotalBytes = total;
    if (options.cleanupIntervalMs !== undefined) {
      this.#timer = setInterval(() => void this.cleanup(), options.cleanupIntervalMs);
      this.#timer.unref();
    }
  }

  /** Number of stored records, expired ones included (for tests and monitoring). */
  get size(): number {
    let n = 0;
    for (const tasks of this.#owners.values()) n += tasks.byId.size;
    return n;
  }

  /** JSON bytes of all stored tasks (for tests and monitoring). */
  get bytes(): number {
    return this.#bytes;
  }

  protected _insert(record: TaskRecord, maxActive: number): void {
    const tasks = this.#ownerTasks(record.owner, true);
    this.#checkStorage(tasks, record);
    if (tasks.active.size >= maxActive) {
      // Expired tasks do not count against the quota; prune them before refusing.
      const now = this.clock.now();
      for (const id of tasks.active) {
        const entry = tasks.byId.get(id);
        if (!entry || isExpired(entry.record, now)) tasks.active.delete(id);
      }
      if (tasks.active.size >= maxActive) throw new QuotaExceededError(maxActive);
    }
    const entry: Entry = { seq: ++this.#seq, record: freeze(record) };
    tasks.byId.set(record.taskId, entry);
    tasks.order.push(entry);
    tasks.active.add(record.taskId);
    this.#account(tasks, bytesOf(record));
  }

  /** Refuse a create that would pass a storage cap; expired tasks are dropped first (they are gone). */
  #checkStorage(tasks: OwnerTasks, record: TaskRecord): void {
    const { maxStoredTasksPerOwner: maxTasks, maxStoredBytesPerOwner: maxBytes } = this.security;
    const size = bytesOf(record);
    const over = (): string | undefined => {
      if (maxTasks !== null && tasks.byId.size + 1 > maxTasks) return `${maxTasks} stored tasks per requestor`;
      if (maxBytes !== null && tasks.bytes + size > maxBytes) return `${maxBytes} stored bytes per requestor`;
      if (this.maxTotalBytes !== null && this.#bytes + size > this.maxTotalBytes)
        return `${this.maxTotalBytes} stored bytes in this server`;
      return undefined;
    };
    if (over() === undefined) return;
    this.#dropExpired(this.clock.now(), this.maxTotalBytes !== null && this.#bytes + size > this.maxTotalBytes ? undefined : tasks);
    const limit = over();
    if (limit !== undefined) throw new StorageExhaustedError(limit);
  }

  #account(tasks: OwnerTasks, delta: number): void {
    tasks.bytes += delta;
    this.#bytes += delta;
  }

  protected _read(owner: Owner, taskId: string): TaskRecord | undefined {
    return this.#owners.get(owner)?.byId.get(taskId)?.record;
  }

  protected _update(owner: Owner, taskId: string, condition: WriteCondition, patch: RecordPatch): WriteResult {
    const tasks = this.#owners.get(owner);
    const entry = tasks?.byId.get(taskId);
    if (!tasks || !entry) return { ok: false, current: undefined };
    const current = entry.record;
    if (
      isExpired(current, condition.now) ||
      !condition.statusIn.includes(current.status) ||
      (condition.version !== undefined && condition.version !== current.version) ||
      (condition.leaseHolder !== undefined && condition.leaseHolder !== current.lease?.holder) ||
      (condition.leaseExpiresAt !== undefined && condition.leaseExpiresAt !== current.lease?.expiresAt)
    ) {
      return { ok: false, current };
    }
    const next: { -readonly [K in keyof TaskRecord]: TaskRecord[K] } = { ...current, version: current.version + 1 };
    // Never back (R33): a stamp from a clock set back keeps the later one.
    if (patch.lastUpdatedAt !== undefined) next.lastUpdatedAt = Math.max(current.lastUpdatedAt, patch.lastUpdatedAt);
    if (patch.lease !== undefined) next.lease = patch.lease;
    if (patch.status !== undefined) next.status = patch.status;
    if (patch.outcome !== undefined) next.outcome = patch.outcome;
    if (patch.variables !== undefined) next.variables = patch.variables;
    if (patch.input !== undefined) next.input = patch.input;
    if (patch.statusMessage === null) delete next.statusMessage;
    else if (patch.statusMessage !== undefined) next.statusMessage = patch.statusMessage;
    if (patch.storedBytes !== undefined) next.storedBytes = patch.storedBytes;
    else if (patch.outcomeBytes !== undefined) next.storedBytes = (current.storedBytes ?? 0) + patch.outcomeBytes;
    entry.record = freeze(next);
    this.#account(tasks, bytesOf(next) - bytesOf(current));
    if (isTerminal(next.status)) tasks.active.delete(taskId);
    return { ok: true, record: entry.record };
  }

  protected async _list(owner: Owner, after: string | undefined, limit: number, now: number): Promise<StoredPage> {
    const tasks = this.#owners.get(owner);
    if (!tasks) return { records: [] };
    const { order, byId } = tasks;
    let i = after === undefined ? 0 : firstAfter(order, Number(after));
    const records: TaskRecord[] = [];
    let lastSeq: number | undefined;
    for (; i < order.length && records.length < limit; i++) {
      const entry = order[i]!;
      lastSeq = entry.seq;
      if (byId.get(entry.record.taskId) !== entry || isExpired(entry.record, now)) continue;
      records.push(entry.record);
    }
    // More may follow if we stopped before the end; the next page proves it (possibly empty).
    return i < order.length && lastSeq !== undefined ? { records, next: String(lastSeq) } : { records };
  }

  protected async _deleteExpired(now: number): Promise<number> {
    return this.#dropExpired(now);
  }

  /** Delete expired tasks of one owner (or of all); return how many. */
  #dropExpired(now: number, only?: OwnerTasks): number {
    let removed = 0;
    for (const [owner, tasks] of this.#owners) {
      if (only !== undefined && tasks !== only) continue;
      for (const [id, entry] of tasks.byId) {
        if (isExpired(entry.record, now)) {
          tasks.byId.delete(id);
          tasks.active.delete(id);
          this.#account(tasks, -bytesOf(entry.record));
          removed++;
        }
      }
      // An owner emptied during a create keeps its (new) entry: the caller inserts into it.
      if (tasks.byId.size === 0 && only === undefined) this.#owners.delete(owner);
      else if (tasks.order.length !== tasks.byId.size) tasks.order = tasks.order.filter((e) => tasks.byId.get(e.record.taskId) === e);
    }
    return removed;
  }

  override async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await super.close();
  }

  #ownerTasks(owner: Owner, create: true): OwnerTasks {
    let tasks = this.#owners.get(owner);
    if (!tasks && create) {
      tasks = { byId: new Map(), order: [], active: new Set(), bytes: 0 };
      this.#owners.set(owner, tasks);
    }
    return tasks!;
  }
}

/** Index of the first entry with seq > `seq` (entries are sorted by seq). */
function firstAfter(order: readonly Entry[], seq: number): number {
  if (!Number.isFinite(seq)) return order.length;
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order[mid]!.seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function bytesOf(record: TaskRecord): number {
  return (record.storedBytes ?? 0) + RECORD_OVERHEAD_BYTES;
}

function freeze(record: TaskRecord): TaskRecord {
  // BaseTaskStore hands over deep-frozen nested values; only the record itself is new.
  return Object.freeze(record);
}
