import { randomBytes } from 'node:crypto';

/**
 * Task IDs: 128 bits from the CSPRNG, base64url (22 characters). R18-R20: a string, made by the
 * receiver, unique; R79: unguessable even where no authorization context binds the task.
 * Bytes come from a 4 KiB pool refilled by `randomBytes` (as `crypto.randomUUID` does), since one
 * `randomBytes(16)` call costs more than a whole in-memory task write.
 */
const POOL_SIZE = 4096;
const ID_BYTES = 16;
let pool = Buffer.alloc(0);
let offset = POOL_SIZE;

export function generateTaskId(): string {
  if (offset + ID_BYTES > pool.length) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  const id = pool.toString('base64url', offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return id;
}

/** Longest task ID any store accepts as input; longer values cannot be ours. */
export const MAX_TASK_ID_LENGTH = 256;
