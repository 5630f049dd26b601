/**
 * Every statement of `PostgresTaskStore`, as text and parameters (no I/O here), one function per
 * operation, so each can be read, counted and benchmarked on its own. Each operation of the store
 * is ONE of these statements (setVariables and side-channel commands: a read, then one write
 * conditioned on the version read; cleanup: one per batch of expired tasks).
 *
 * Expiry uses the store's clock: every statement is given `now` (epoch ms), never the server's
 * `now()`, so instances and tests agree with the record's own `expiresAt`.
 */
import { InvalidArgumentError } from '../../errors/index.js';
import type { Owner } from '../../owner.js';
import type { TaskRecord } from '../../record.js';
import { isTaskStatus, type TaskStatus } from '../../status.js';
import type { RecordPatch, WriteCondition } from '../primitives.js';
import { recordParams, toDbText } from './marshal.js';
import { COLUMNS, type SchemaNames } from './schema.js';

export interface Statement {
  text: string;
  values: unknown[];
}

const SELECTED = COLUMNS.join(', ');
const UNEXPIRED = (now: string) => `(expires_at IS NULL OR expires_at > ${now})`;

/** The per-owner limits the create function enforces (null: no cap). */
export interface CreateLimits {
  maxActive: number;
  maxStoredTasks: number | null;
  maxStoredBytes: number | null;
}

/** Answers of the create function. */
export type CreateOutcome = 'ok' | 'quota' | 'stored_tasks' | 'stored_bytes';

/** get, getResult, and the change feed's read: one row by primary key. */
export function readStatement(names: SchemaNames, taskId: string): Statement {
  return { text: `SELECT ${SELECTED} FROM ${names.tasks} WHERE task_id = $1`, values: [toDbText(taskId)] };
}

/**
 * create: ONE call of the create function (./migrations.ts), which takes the owner's lock,
 * counts (quota, storage caps) and inserts in one transaction, and notifies the change feed.
 */
export function createStatement(names: SchemaNames, record: TaskRecord, limits: CreateLimits, origin: string): Statement {
  const values = [...recordParams(record), limits.maxActive, limits.maxStoredTasks, limits.maxStoredBytes, origin];
  const params = values.map((_, i) => `$${i + 1}`).join(', ');
  return { text: `SELECT ${names.createTask}(${params}) AS outcome`, values };
}

/**
 * Every conditional write (updateStatus, complete, cancel, renewLease, takeover, lease-expiry
 * failure, the write of a variables merge or side-channel command): ONE statement. The UPDATE
 * applies only when the condition holds (owner, status, unexpired at `now`, and the version or
 * lease when asked), notifies the change feed (`origin` undefined: no notification, for lease
 * renewals, which are not task changes) and returns the new row with `applied = true`. When it
 * did not apply, the same statement returns the current row with `applied = false`, read FOR
 * SHARE so that a row changed by a concurrent write since the statement began is seen as
 * committed, not as it was (the refusal is explained from the state that refused it).
 */
export function updateStatement(
  names: SchemaNames,
  owner: Owner,
  taskId: string,
  condition: WriteCondition,
  patch: RecordPatch,
  origin: string | undefined,
): Statement {
  const values: unknown[] = [toDbText(taskId), toDbText(owner), condition.now];
  const param = (value: unknown): string => `$${values.push(value)}`;
  const sets: string[] = [];
  if (patch.status !== undefined) sets.push(`status = ${literalStatus(patch.status)}`);
  if (patch.statusMessage !== undefined)
    sets.push(`status_message = ${param(patch.statusMessage === null ? null : toDbText(patch.statusMessage))}`);
  // Never backwards (R33): two writers' clocks may disagree, and a write that took its time first may land last.
  if (patch.lastUpdatedAt !== undefined) sets.push(`last_updated_at = GREATEST(last_updated_at, ${param(patch.lastUpdatedAt)})`);
  if (patch.outcome !== undefined) sets.push(`outcome = ${param(JSON.stringify(patch.outcome))}`);
  if (patch.lease !== undefined)
    sets.push(`lease_holder = ${param(toDbText(patch.lease.holder))}`, `lease_expires_at = ${param(patch.lease.expiresAt)}`);
  if (patch.variables !== undefined) sets.push(`variables = ${param(JSON.stringify(patch.variables))}`);
  if (patch.input !== undefined) sets.push(`input = ${param(JSON.stringify(patch.input))}`);
  if (patch.storedBytes !== undefined) sets.push(`stored_bytes = ${param(patch.storedBytes)}`);
  else if (patch.outcomeBytes !== undefined) sets.push(`stored_bytes = coalesce(stored_bytes, 0) + ${param(patch.outcomeBytes)}`);
  sets.push('version = version + 1');
  const where = [`task_id = $1`, `owner = $2`, `status IN (${condition.statusIn.map(literalStatus).join(', ')})`, UNEXPIRED('$3')];
  if (condition.version !== undefined) where.push(`version = ${param(condition.version)}`);
  if (condition.leaseHolder !== undefined) where.push(`lease_holder = ${param(toDbText(condition.leaseHolder))}`);
  if (condition.leaseExpiresAt !== undefined) where.push(`lease_expires_at = ${param(condition.leaseExpiresAt)}`);
  const notified =
    origin === undefined ? 'NULL::text' : `pg_notify('${names.channel}', ${param(origin)} || ' ' || task_id || ' ' || owner)::text`;
  const text = [
    `WITH u AS (UPDATE ${names.tasks} SET ${sets.join(', ')} WHERE ${where.join(' AND ')} RETURNING ${SELECTED})`,
    `SELECT true AS applied, ${SELECTED}, ${notified} AS notified FROM u`,
    'UNION ALL',
    `SELECT false, ${SELECTED}, NULL FROM (SELECT ${SELECTED} FROM ${names.tasks} WHERE task_id = $1 AND NOT EXISTS (SELECT 1 FROM u) FOR SHARE) AS c`,
  ].join(' ');
  return { text, values };
}

/** A list page: up to `limit` unexpired tasks of `owner` after list position `afterSeq`, in creation order. */
export function listStatement(names: SchemaNames, owner: Owner, afterSeq: string | undefined, limit: number, now: number): Statement {
  return {
    text: `SELECT ${SELECTED} FROM ${names.tasks} WHERE owner = $1 AND seq > $2 AND ${UNEXPIRED('$3')} ORDER BY seq LIMIT $4`,
    values: [toDbText(owner), afterSeq ?? '0', now, limit],
  };
}

/** cleanup: delete up to `batch` expired tasks (a batch bounds each statement's locks and time). */
export function deleteExpiredStatement(names: SchemaNames, now: number, batch: number): Statement {
  return {
    text: `DELETE FROM ${names.tasks} WHERE task_id IN (SELECT task_id FROM ${names.tasks} WHERE expires_at <= $1 LIMIT $2)`,
    values: [now, batch],
  };
}

/** Statuses go into statements as literals (a closed set): the planner sees them. */
function literalStatus(status: TaskStatus): string {
  if (!isTaskStatus(status)) throw new InvalidArgumentError(`not a task status: ${String(status)}`);
  return `'${status}'`;
}
