/**
 * Per-owner storage caps of `DynamoDbTaskStore` (`security.maxStoredTasksPerOwner` and
 * `maxStoredBytesPerOwner`, STORAGE_EXHAUSTED; see src/contract.ts).
 *
 * Usage lives on the owner's quota item (./quota.ts), so a create needs no request more (one
 * transaction, or two requests): the quota reservation's UpdateItem also claims the storage,
 * with the same condition. The item holds
 * - `usageTasks` (N) and `usageBytes` (N): the totals the create condition compares;
 * - one attribute per stored task, `u.<first 12 characters of its ID>.<expiresAt, base 36>` (N):
 *   the bytes counted for it (its `storedBytes` + STORAGE_OVERHEAD_BYTES). 72 random bits of the
 *   ID keep the names of one owner's tasks apart (a clash of ID prefix AND expiry ms is refused as
 *   a full quota, never miscounted) in 28 bytes an entry, so 1 000 active reservations and
 *   10 000 stored tasks fit in one 400 KB item. Every write changes an entry and the totals
 *   in ONE UpdateItem, so the totals always equal the entries, under any concurrency.
 *
 * Writes:
 * - create: `ADD` the entry and the totals IF the totals leave room (and the entry is new, so an
 *   SDK retry of a create that landed is recognised, not counted twice).
 * - complete / setVariables: a second UpdateItem moves the entry and `usageBytes` by the bytes
 *   the task's write changed (a completion: its outcome's; a variables write: `bytesDelta`,
 *   computed by DynamoDB in that write), only when a byte cap is set.
 * - a create refused for a definite reason: its claim is removed again.
 *
 * Expiry without a sweeper: the entry names its task's expiry, so a create that meets a full cap
 * first removes the entries already expired (no task read; native TTL may delete the task items
 * days later, or `cleanup()` sooner: neither matters), each conditioned on its value, and tries
 * again. Only if none expired does it look for entries of creates that died between their two
 * writes: those are still in the quota's active set, so the quota's reconciliation (missing past
 * the grace period) finds them by reading at most `maxActiveTasksPerOwner` tasks. Nothing
 * stored is ever dropped to make room.
 *
 * Known drift, always bounded by the task's TTL: if the second write of a complete/setVariables
 * fails (store outage, crash), that task's growth is not counted until it expires.
 */
import { UpdateItemCommand, type AttributeValue, type DynamoDBClient, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { InvalidArgumentError, StorageExhaustedError } from '../../errors/index.js';
import type { TaskRecord } from '../../record.js';
import type { SecurityConfig } from '../../security.js';
import { isConditionalCheckFailed, storeError } from './errors.js';
import { num, parseQuotaEntry, type Item } from './marshal.js';
import { keyOf, type ExpressionParts } from './operations.js';
import { QUOTA_SORT_KEY } from './keys.js';
import { ATTR } from './table.js';
import { retryConflicts } from './transactions.js';

/** Bytes counted per task besides its JSON (keys, timestamps, the entries here), as in memory. */
export const STORAGE_OVERHEAD_BYTES = 512;
const ENTRY_PREFIX = 'u.';
const ID_CHARS = 12;
/** Entries removed per UpdateItem (keeps the expression under DynamoDB's 4 KB). */
const REMOVE_CHUNK = 100;
/** Quota item budget: bytes of one active entry / one usage entry, and what they may fill. */
const ACTIVE_ENTRY_BYTES = 50;
const USAGE_ENTRY_BYTES = 28;
const ITEM_BUDGET_BYTES = 380_000;

/** What a create claims: its entry and the bytes counted for it. */
export interface StorageClaim {
  name: string;
  bytes: number;
}

interface UsageEntry {
  name: string;
  value: string;
  expiresAt: number | null;
}

export interface StorageDeps {
  client: DynamoDBClient;
  tableName: string;
  security: Readonly<SecurityConfig>;
  now(): number;
}

export class OwnerStorage {
  readonly #maxTasks: number | null;
  readonly #maxBytes: number | null;

  constructor(private readonly deps: StorageDeps) {
    this.#maxTasks = deps.security.maxStoredTasksPerOwner;
    this.#maxBytes = deps.security.maxStoredBytesPerOwner;
    checkItemBudget(deps.security);
  }

  /** Whether creates claim storage at all (some cap is set). */
  get tracking(): boolean {
    return this.#maxTasks !== null || this.#maxBytes !== null;
  }

  /** The claim of a new task; STORAGE_EXHAUSTED at once when it alone exceeds the byte cap. */
  claim(record: TaskRecord): StorageClaim | undefined {
    if (!this.tracking) return undefined;
    const bytes = (record.storedBytes ?? 0) + STORAGE_OVERHEAD_BYTES;
    if (this.#maxBytes !== null && bytes > this.#maxBytes) throw new StorageExhaustedError(`${this.#maxBytes} stored bytes per requestor`);
    return { name: entryName(record), bytes };
  }

  /** The clauses the quota reservation adds for `claim` (same UpdateItem, same condition). */
  reserveParts(claim: StorageClaim): ExpressionParts {
    const names: Record<string, string> = { '#ut': ATTR.usageTasks, '#ub': ATTR.usageBytes, '#u': claim.name };
    const values: Record<string, AttributeValue> = { ':uone': num(1), ':ub': num(claim.bytes) };
    const conditions = ['attribute_not_exists(#u)'];
    if (this.#maxTasks !== null) {
      values[':umt'] = num(this.#maxTasks);
      conditions.push('NOT #ut >= :umt'); // no total yet, or below the cap (UNEXPIRED's form, ./operations.ts)
    }
    if (this.#maxBytes !== null) {
      values[':uroom'] = num(this.#maxBytes - claim.bytes);
      conditions.push('NOT #ub > :uroom');
    }
    return { add: ['#ut :uone', '#ub :ub', '#u :ub'], condition: conditions.join(' AND '), names, values };
  }

  /** The cap `claim` does not fit under in the quota item `item`, or undefined. */
  over(item: Item | undefined, claim: StorageClaim): string | undefined {
    const tasks = Number(item?.[ATTR.usageTasks]?.N ?? 0);
    const bytes = Number(item?.[ATTR.usageBytes]?.N ?? 0);
    if (this.#maxTasks !== null && tasks + 1 > this.#maxTasks) return `${this.#maxTasks} stored tasks per requestor`;
    if (this.#maxBytes !== null && bytes + claim.bytes > this.#maxBytes) return `${this.#maxBytes} stored bytes per requestor`;
    return undefined;
  }

  /**
   * Make room in a full owner: remove expired entries; if none, the entries of `missing()` (the
   * quota's reservations whose task never landed), with those reservations. Returns whether
   * anything was (or may have been, under a race) removed, so the create may try again.
   */
  async reconcile(pk: string, item: Item | undefined, missing: () => Promise<string[]>): Promise<boolean> {
    const now = this.deps.now();
    const entries = usageEntries(item);
    const expired = entries.filter((e) => e.expiresAt !== null && e.expiresAt <= now);
    if (expired.length > 0) {
      await this.#remove(pk, expired, []);
      return true;
    }
    const lost = await missing();
    if (lost.length === 0) return false;
    const names = new Set(lost.map((entry) => parseQuotaEntry(entry)).map((e) => e && entryName(e)));
    await this.#remove(
      pk,
      entries.filter((e) => names.has(e.name)),
      lost,
    );
    return true;
  }

  /** Remove the usage entries of reservations the quota dropped as missing (no task item). */
  async dropMissing(pk: string, item: Item | undefined, missing: readonly string[]): Promise<void> {
    if (!this.tracking || missing.length === 0) return;
    const names = new Set(missing.map((entry) => parseQuotaEntry(entry)).map((e) => e && entryName(e)));
    await this.#remove(
      pk,
      usageEntries(item).filter((e) => names.has(e.name)),
      [],
    );
  }

  /** Undo the claim of a create that surely wrote no task. */
  async release(pk: string, claim: StorageClaim): Promise<void> {
    await this.#remove(pk, [{ name: claim.name, value: String(claim.bytes), expiresAt: null }], []);
  }

  /**
   * Move the task's entry by `delta` bytes after a write changed its stored bytes. Conditioned on
   * the entry's previous value, so an SDK retry of a write that landed is not counted twice; when
   * that fails for another reason (writes landing out of order), the delta is added as it is.
   */
  async adjust(pk: string, record: TaskRecord, delta: number): Promise<void> {
    if (this.#maxBytes === null || delta === 0 || record.storedBytes === undefined) return;
    const next = record.storedBytes + STORAGE_OVERHEAD_BYTES;
    const names = { '#ub': ATTR.usageBytes, '#u': entryName(record) };
    const base = { TableName: this.deps.tableName, Key: keyOf(pk, QUOTA_SORT_KEY), ExpressionAttributeNames: names };
    const send = (input: UpdateItemCommandInput) => retryConflicts(() => this.deps.client.send(new UpdateItemCommand(input)));
    try {
      await send({
        ...base,
        UpdateExpression: 'SET #u = :next ADD #ub :d',
        ConditionExpression: '#u = :prev',
        ExpressionAttributeValues: { ':next': num(next), ':prev': num(next - delta), ':d': num(delta) },
      });
    } catch (err) {
      if (!isConditionalCheckFailed(err)) return; // the write happened; a lost adjustment only lasts until the task expires
      // Add the delta as it is, unless the entry is gone (the task expired or was never counted)
      // or already holds the new value (our own adjustment, answered to a retry): one
      // conditional write, no read first.
      await send({
        ...base,
        UpdateExpression: 'ADD #u :d, #ub :d',
        ConditionExpression: 'attribute_exists(#u) AND #u <> :next',
        ExpressionAttributeValues: { ':d': num(delta), ':next': num(next) },
      }).catch(() => undefined);
    }
  }

  /** Remove `entries` (each only if its value is unchanged) and the reservations `active`. */
  async #remove(pk: string, entries: readonly UsageEntry[], active: readonly string[]): Promise<void> {
    const chunks: UsageEntry[][] = [];
    for (let i = 0; i < entries.length; i += REMOVE_CHUNK) chunks.push(entries.slice(i, i + REMOVE_CHUNK));
    if (chunks.length === 0 && active.length > 0) chunks.push([]);
    for (const [i, chunk] of chunks.entries()) {
      const input = removeInput(this.deps.tableName, pk, chunk, i === 0 ? active : []);
      await retryConflicts(() => this.deps.client.send(new UpdateItemCommand(input))).catch((err: unknown) => {
        // Another create removed or changed them first: the caller reads the item again.
        if (!isConditionalCheckFailed(err)) throw storeError(err);
      });
    }
  }
}

/** One UpdateItem removing `chunk` (with the totals, each conditioned on its value) and `active`. */
function removeInput(tableName: string, pk: string, chunk: readonly UsageEntry[], active: readonly string[]): UpdateItemCommandInput {
  const names: Record<string, string> = {};
  const values: Record<string, AttributeValue> = {};
  const actions: string[] = [];
  const conditions = chunk.map((e, j) => {
    names[`#n${j}`] = e.name;
    values[`:v${j}`] = { N: e.value };
    return `#n${j} = :v${j}`;
  });
  if (chunk.length > 0) {
    Object.assign(names, { '#ut': ATTR.usageTasks, '#ub': ATTR.usageBytes });
    Object.assign(values, { ':dt': num(-chunk.length), ':db': num(-chunk.reduce((n, e) => n + Number(e.value), 0)) });
    actions.push(`REMOVE ${chunk.map((_, j) => `#n${j}`).join(', ')}`, 'ADD #ut :dt, #ub :db');
  }
  if (active.length > 0) {
    names['#a'] = ATTR.active;
    values[':act'] = { SS: [...active] };
    actions.push('DELETE #a :act');
  }
  return {
    TableName: tableName,
    Key: keyOf(pk, QUOTA_SORT_KEY),
    UpdateExpression: actions.join(' '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ...(conditions.length > 0 && { ConditionExpression: conditions.join(' AND ') }),
  };
}

/** The usage entry's attribute name of a task. */
export function entryName(task: Pick<TaskRecord, 'taskId' | 'expiresAt'>): string {
  return `${ENTRY_PREFIX}${task.taskId.slice(0, ID_CHARS)}.${task.expiresAt === null ? '' : task.expiresAt.toString(36)}`;
}

function usageEntries(item: Item | undefined): UsageEntry[] {
  const entries: UsageEntry[] = [];
  for (const name in item) {
    if (!name.startsWith(ENTRY_PREFIX)) continue;
    const value = item[name]?.N;
    const expiry = name.slice(name.lastIndexOf('.') + 1);
    if (value === undefined) continue;
    entries.push({ name, value, expiresAt: expiry === '' ? null : parseInt(expiry, 36) });
  }
  return entries;
}

/**
 * The quota item must hold every active reservation and every usage entry of an owner within
 * DynamoDB's 400 KB: refuse configurations that could outgrow it.
 */
export function checkItemBudget(security: Readonly<SecurityConfig>): void {
  const { maxActiveTasksPerOwner: active, maxStoredTasksPerOwner: stored, maxStoredBytesPerOwner: bytes } = security;
  if (stored === null && bytes === null) return;
  const limit = Math.floor((ITEM_BUDGET_BYTES - ACTIVE_ENTRY_BYTES * active) / USAGE_ENTRY_BYTES);
  if (stored === null || stored > limit) {
    throw new InvalidArgumentError(
      `DynamoDbTaskStore: with maxActiveTasksPerOwner ${active}, security.maxStoredTasksPerOwner must be at most ${limit} (one item counts an owner's stored tasks), or set both storage caps to null`,
    );
  }
}
