/**
 * Key design of `DynamoDbTaskStore` (the table itself: ./table.ts).
 *
 * - Partition key: the owner. `o#<owner>` while the owner fits comfortably in a key (DynamoDB
 *   allows 2048 bytes; owners may be 1024 UTF-16 units, up to 3072 bytes), else
 *   `h#<sha256(owner), base64url>`. The prefixes keep the two spaces apart; every item also
 *   stores the owner itself and every conditional write checks it, so even a hash collision
 *   could not leak a task. One owner = one item collection: all of its tasks and its quota item.
 * - Task sort key: `t#<taskId>`, so get and every transition address a task from (owner, taskId)
 *   alone: one GetItem / one UpdateItem, no index lookup. Task IDs stay 128 random bits.
 * - Quota sort key: `quota` (no `t#` prefix, so no task ID can collide with it).
 * - List key (range key of the `byCreation` LSI): `<createdAt, 15 digits>.<seq, 10 base-36
 *   digits>.<taskId>`. `seq` is a per-process counter that orders tasks created in the same
 *   millisecond by this process in creation order; across processes, tasks of one millisecond
 *   are ordered arbitrarily but stably. The key never changes after creation, so a cursor (which
 *   is a list key) resumes exactly after the last task it returned, also while tasks are added.
 */
import { createHash } from 'node:crypto';
import type { Owner } from '../../owner.js';

export const TASK_PREFIX = 't#';
export const QUOTA_SORT_KEY = 'quota';
/** Partition keys of owners too long for a key: a hash, so writes must still compare the owner. */
export const HASHED_PREFIX = 'h#';
/** Owners up to this many UTF-8 bytes are stored in the key as they are. */
const MAX_RAW_OWNER_BYTES = 1024;

export function partitionKey(owner: Owner): string {
  // Cheap first test: a string of n UTF-16 units has at most 3n UTF-8 bytes.
  if (owner.length * 3 <= MAX_RAW_OWNER_BYTES || Buffer.byteLength(owner, 'utf8') <= MAX_RAW_OWNER_BYTES) return `o#${owner}`;
  return `${HASHED_PREFIX}${createHash('sha256').update(owner, 'utf8').digest('base64url')}`;
}

export function taskSortKey(taskId: string): string {
  return TASK_PREFIX + taskId;
}

/** The task ID of a task item's sort key, or undefined for other items. */
export function taskIdOfSortKey(sk: string): string | undefined {
  return sk.startsWith(TASK_PREFIX) ? sk.slice(TASK_PREFIX.length) : undefined;
}

let seq = 0;
const SEQ_MODULUS = 36 ** 10;

/** A new list key for a task created at `createdAt` (epoch ms) by this process. */
export function newListKey(createdAt: number, taskId: string): string {
  seq = (seq + 1) % SEQ_MODULUS;
  const ms = Math.min(Math.max(0, Math.floor(createdAt)), 999_999_999_999_999);
  return `${String(ms).padStart(15, '0')}.${seq.toString(36).padStart(10, '0')}.${taskId}`;
}

const LIST_KEY = /^\d{15}\.[0-9a-z]{10}\.(.+)$/s;

/** The task ID inside a list key, or undefined when `value` is not one. */
export function taskIdOfListKey(value: string): string | undefined {
  return LIST_KEY.exec(value)?.[1];
}
