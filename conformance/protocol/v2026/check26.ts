/**
 * A 2026-07-28 check: the same metadata as a 2025 check (id, rule `T1`.., level, area, title)
 * with a body that takes a `Context2026`. `T` rules are the 2026-07-28 Tasks extension's text
 * (conformance/RULES.md, "The 2026-07-28 Tasks extension").
 */
import type { CheckInfo, Outcome } from '../../core/check.js';
import type { Context2026 } from './context.js';

export interface Check2026 extends CheckInfo {
  run(ctx: Context2026): Promise<Outcome>;
}

export const AREA_2026 = 'tasks-2026' as const;

export function check26(info: Omit<CheckInfo, 'area'>, run: Check2026['run']): Check2026 {
  return Object.freeze({ ...info, area: AREA_2026, run });
}

/** The fields a Task carries (absent from the empty acks of tasks/update and tasks/cancel). */
export const TASK_FIELDS = ['taskId', 'status', 'result', 'error', 'inputRequests'] as const;
