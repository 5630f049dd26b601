/**
 * The `Task` object of the 2025-11-25 schema, checked field by field so each problem can be
 * reported under the rule that requires the field (R18 taskId, R22 status, R32 createdAt,
 * R33 lastUpdatedAt, R35 ttl, R31 pollInterval). Stated here rather than imported from `src/` so
 * a bug in the library cannot make its own server pass.
 */
import { isObject, type Json } from '../core/json.js';
import { TASK_STATUSES } from '../core/wire.js';

/** RFC 3339 section 5.6 date-time (the profile of ISO 8601 the spec links), e.g. 2025-11-25T10:30:00Z. */
const RFC3339 =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

export function isTimestamp(value: unknown): boolean {
  return typeof value === 'string' && RFC3339.test(value) && !Number.isNaN(Date.parse(value));
}

export type TaskField = 'taskId' | 'status' | 'createdAt' | 'lastUpdatedAt' | 'ttl' | 'pollInterval' | 'statusMessage';

/** Problems with one field of a Task, or undefined when it is fine. */
export function fieldProblem(task: Json, field: TaskField): string | undefined {
  const has = Object.hasOwn(task, field);
  const value = task[field];
  switch (field) {
    case 'taskId':
      return typeof value === 'string' && value !== ''
        ? undefined
        : `taskId ${has ? `is ${JSON.stringify(value)}` : 'is missing'} (a non-empty string is required)`;
    case 'status':
      return (TASK_STATUSES as readonly unknown[]).includes(value)
        ? undefined
        : `status ${has ? `is ${JSON.stringify(value)}` : 'is missing'} (one of ${TASK_STATUSES.join(', ')})`;
    case 'createdAt':
    case 'lastUpdatedAt':
      return isTimestamp(value)
        ? undefined
        : `${field} ${has ? `is ${JSON.stringify(value)}` : 'is missing'} (an ISO 8601 / RFC 3339 timestamp is required)`;
    case 'ttl':
      if (!has) return 'ttl is missing (the key is required: a number of ms, or null for unlimited)';
      return value === null || (Number.isInteger(value) && (value as number) >= 0)
        ? undefined
        : `ttl is ${JSON.stringify(value)} (an integer number of ms, or null)`;
    case 'pollInterval':
      return !has || (Number.isInteger(value) && (value as number) >= 0)
        ? undefined
        : `pollInterval is ${JSON.stringify(value)} (an integer number of ms when present)`;
    case 'statusMessage':
      return !has || typeof value === 'string' ? undefined : `statusMessage is ${JSON.stringify(value)} (a string when present)`;
  }
}

const FIELDS: readonly TaskField[] = ['taskId', 'status', 'createdAt', 'lastUpdatedAt', 'ttl', 'pollInterval', 'statusMessage'];

/** Every problem of a value that should be a Task. */
export function taskProblems(task: unknown): string[] {
  if (!isObject(task)) return [`not an object: ${JSON.stringify(task)}`];
  return FIELDS.map((f) => fieldProblem(task, f)).filter((p): p is string => p !== undefined);
}
