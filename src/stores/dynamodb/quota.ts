/**
 * The owner's quota item: reserve a slot with one conditional ADD; when the set is full, find the
 * entries that no longer hold a slot, remove them, and try again. The same UpdateItem claims the
 * task's storage (./storage-caps.ts). A transactional create sends that UpdateItem inside its
 * transaction (./create.ts): `reserve` takes how to write it.
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
 */
import { UpdateItemCommand, type DynamoDBClient, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { QuotaExceededError, StorageExhaustedError } from '../../errors/index.js';
import type { Owner } from '../../owner.js';
import type { TaskRecord } from '../../record.js';
import { isTaskStatus, isTerminal } from '../../status.js';
import { batchGetStatus } from './batch.js';
import { isConditionalCheckFailed, storeError } from './errors.js';
import { QUOTA_SORT_KEY, taskIdOfSortKey, taskSortKey } from './keys.js';
import { parseQuotaEntry, type Item } from './marshal.js';
import { keyOf, releaseInput, reserveInput } from './operations.js';
import type { OwnerStorage, StorageClaim } from './storage-caps.js';
import { retryConflicts } from './transactions.js';
import { ATTR } from './table.js';

const RECONCILE_ROUNDS = 3;
const BATCH_GET_MAX = 100;

export interface QuotaDeps {
  client: DynamoDBClient;
  tableName: string;
  /** How long a reservation whose task item does not exist still counts (ms). */
  graceMs: number;
  now(): number;
  /** The item a failed conditional write met (see DynamoDbTaskStore). */
  currentItem(err: { Item?: Item }, pk: string, sk: string): Promise<Item | undefined>;
  /** The owner's storage caps, claimed with the reservation. */
  storage: OwnerStorage;
  /** Read a task through the store's rules, so an expired lease fails it (one conditional write). */
  readTask(owner: Owner, taskId: string): Promise<TaskRecord>;
}

/**
 * Sends a reservation. A failed condition is thrown as ConditionalCheckFailedException (with the
 * quota item as `Item` where known); anything else as the caller should see it.
 */
export type ReservationWrite = (input: UpdateItemCommandInput) => Promise<void>;

export class OwnerQuota {
  constructor(private readonly deps: QuotaDeps) {}

  /** The plain reservation: one UpdateItem on the quota item. */
  readonly plainWrite: ReservationWrite = async (input) => {
    await retryConflicts(() => this.deps.client.send(new UpdateItemCommand(input))).catch((err: unknown) => {
      throw isConditionalCheckFailed(err) ? err : storeError(err);
    });
  };

  /**
   * Reserve a slot for `entry` and, with `claim`, its storage (./storage-caps.ts) in the same
   * conditional UpdateItem. A refusal is explained from the item: storage first (as the memory
   * store), then the quota; each frees what no longer counts and the reservation is tried again.
   */
  async reserve(
    owner: Owner,
    pk: string,
    entry: string,
    maxActive: number,
    claim?: StorageClaim,
    write: ReservationWrite = this.plainWrite,
  ): Promise<void> {
    const { tableName, storage } = this.deps;
    const extra = claim === undefined ? undefined : storage.reserveParts(claim);
    for (let round = 0; ; round++) {
      try {
        await write(reserveInput(tableName, pk, entry, maxActive, extra));
        return;
      } catch (err) {
        if (!isConditionalCheckFailed(err)) throw err;
        const item = await this.deps.currentItem(err as { Item?: Item }, pk, QUOTA_SORT_KEY);
        const entries = item?.[ATTR.active]?.SS ?? [];
        if (entries.includes(entry)) return; // our own reservation, answered to a retry
        const full = claim === undefined ? undefined : storage.over(item, claim);
        if (round >= RECONCILE_ROUNDS) throw full !== undefined ? new StorageExhaustedError(full) : new QuotaExceededError(maxActive);
        if (full !== undefined) {
          const missing = async () => (await this.staleEntries(owner, pk, entries)).missing;
          if (!(await storage.reconcile(pk, item, missing))) throw new StorageExhaustedError(full);
          continue;
        }
        if (entries.length < maxActive) continue; // slots were freed meanwhile
        const { stale, missing } = await this.staleEntries(owner, pk, entries);
        if (stale.length === 0) throw new QuotaExceededError(maxActive);
        await this.release(pk, stale);
        await storage.dropMissing(pk, item, missing);
      }
    }
  }

  async release(pk: string, entries: readonly string[]): Promise<void> {
    await retryConflicts(() => this.deps.client.send(new UpdateItemCommand(releaseInput(this.deps.tableName, pk, entries)))).catch(
      (err: unknown) => {
        throw storeError(err);
      },
    );
  }

  /**
   * Entries that no longer hold a slot: expired, terminal, or missing past the grace period. An
   * active task whose lease expired (its worker died) is failed first, by the same read rule as
   * `get` (one conditional write), so a dead worker's tasks free their slots at the next create.
   */
  async staleEntries(owner: Owner, pk: string, entries: readonly string[]): Promise<{ stale: string[]; missing: string[] }> {
    const now = this.deps.now();
    const stale: string[] = [];
    const missing: string[] = [];
    const live = new Map<string, { entry: string; createdAt: number }>();
    for (const entry of entries) {
      const parsed = parseQuotaEntry(entry);
      if (parsed === undefined || (parsed.expiresAt !== null && now >= parsed.expiresAt)) stale.push(entry);
      else live.set(taskSortKey(parsed.taskId), parsed);
    }
    const found = await this.#statuses(owner, pk, [...live.keys()], now);
    for (const [sk, { entry, createdAt }] of live) {
      const status = found.get(sk);
      if (status === undefined ? createdAt + this.deps.graceMs <= now : !isTaskStatus(status) || isTerminal(status)) stale.push(entry);
      if (status === undefined && createdAt + this.deps.graceMs <= now) missing.push(entry);
    }
    return { stale, missing };
  }

  /** Status by sort key of the tasks still reserved; tasks of dead workers are failed first. */
  async #statuses(owner: Owner, pk: string, sortKeys: readonly string[], now: number): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const leaseLost: string[] = [];
    const keys = sortKeys.map((sk) => keyOf(pk, sk));
    for (let i = 0; i < keys.length; i += BATCH_GET_MAX) {
      for (const item of await batchGetStatus(this.deps.client, this.deps.tableName, keys.slice(i, i + BATCH_GET_MAX))) {
        const sk = item[ATTR.sk]?.S;
        const status = item[ATTR.status]?.S;
        if (sk === undefined || status === undefined) continue;
        found.set(sk, status);
        if (isTaskStatus(status) && !isTerminal(status) && Number(item[ATTR.leaseExpiresAt]?.N) <= now) leaseLost.push(sk);
      }
    }
    for (const sk of leaseLost) {
      const taskId = taskIdOfSortKey(sk);
      const task = taskId === undefined ? undefined : await this.deps.readTask(owner, taskId).catch(() => undefined);
      if (task === undefined || isTerminal(task.status)) found.set(sk, 'failed');
    }
    return found;
  }
}
