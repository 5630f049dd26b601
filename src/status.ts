/**
 * The task state machine of MCP 2025-11-25 (digest section 2; R21, R22, R68).
 *
 * working        -> input_required | completed | failed | cancelled
 * input_required -> working        | completed | failed | cancelled
 * completed, failed, cancelled: terminal, no way out (not even to themselves).
 */
import type { TaskStatus as SchemaTaskStatus } from '../generated/types.js';

/** A task's status: the schema's own type (generated/types.ts). */
export type TaskStatus = SchemaTaskStatus;

/**
 * Every status a task can have, in the order the spec lists them. test/core/wire-types.test.ts
 * checks at compile time that this list is exactly the schema's `TaskStatus`.
 */
export const TASK_STATUSES = ['working', 'input_required', 'completed', 'failed', 'cancelled'] as const satisfies readonly TaskStatus[];
export type TerminalStatus = 'completed' | 'failed' | 'cancelled';
export type ActiveStatus = 'working' | 'input_required';

/** Tasks begin here (R21). */
export const INITIAL_STATUS: TaskStatus = 'working';

const TRANSITIONS: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  working: ['input_required', 'completed', 'failed', 'cancelled'],
  input_required: ['working', 'completed', 'failed', 'cancelled'],
  completed: [],
  failed: [],
  cancelled: [],
};

export function isTaskStatus(value: unknown): value is TaskStatus {
  return typeof value === 'string' && (TASK_STATUSES as readonly string[]).includes(value);
}

export function isTerminal(status: TaskStatus): status is TerminalStatus {
  return TRANSITIONS[status].length === 0;
}

export function isActive(status: TaskStatus): status is ActiveStatus {
  return !isTerminal(status);
}

/** True when the spec allows `from -> to` (R22). A status never transitions to itself. */
export function canTransition(from: TaskStatus, to: TaskStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The statuses from which `to` may be reached. */
export function sourcesOf(to: TaskStatus): TaskStatus[] {
  return TASK_STATUSES.filter((from) => canTransition(from, to));
}
