/**
 * What a protocol check is: the shared check model (core/check.ts: rule, level, area, outcome)
 * with a body that talks to the server under test through a CheckContext.
 */
import type { CheckInfo, Outcome } from '../core/check.js';
import type { CheckContext } from './context.js';

export interface Check extends CheckInfo {
  run(ctx: CheckContext): Promise<Outcome>;
}

/** Define a check (keeps the declarations short). */
export function check(info: CheckInfo, run: Check['run']): Check {
  return Object.freeze({ ...info, run });
}
