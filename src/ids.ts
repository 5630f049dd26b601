import { randomBytes } from 'node:crypto';

/**
 * Task IDs: 128 bits from the CSPRNG, base64url (22 characters). R18-R20: a string, made by the
 * receiver, unique; R79: unguessable even where no authorization context binds the task.
 */
export function generateTaskId(): string {
  return randomBytes(16).toString('base64url');
}

/** Longest task ID any store accepts as input; longer values cannot be ours. */
export const MAX_TASK_ID_LENGTH = 256;
