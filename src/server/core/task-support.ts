/**
 * A tool's task support (2025-11-25 `execution.taskSupport`, R14; the 2026-07-28 extension uses
 * the same three values): whether a call of it may, must or must not become a task. Shared by
 * both legs, so neither imports the other for it.
 */
import { InvalidArgumentError } from '../../errors/index.js';

export type TaskSupport = 'forbidden' | 'optional' | 'required';

export const TASK_SUPPORT_VALUES: readonly TaskSupport[] = ['forbidden', 'optional', 'required'];

/** Throws INVALID_ARGUMENT unless `support` is one of the three values. */
export function assertTaskSupport(support: TaskSupport): void {
  if (!TASK_SUPPORT_VALUES.includes(support))
    throw new InvalidArgumentError(`taskSupport must be one of ${TASK_SUPPORT_VALUES.join(', ')}, got ${String(support)}`);
}
