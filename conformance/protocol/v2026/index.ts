/**
 * The 2026-07-28 check set, and its adapter to the runner: each check becomes a runner `Check`
 * that builds its `Context2026` from the run's detection state and cancels what it created.
 */
import { skip, type Outcome } from '../../core/check.js';
import type { Check } from '../check.js';
import { cleanupStep } from '../wire-log.js';
import type { Check2026 } from './check26.js';
import { Context2026, type State2026 } from './context.js';
import { controlChecks } from './control.js';
import { inputChecks } from './input.js';
import { isolationChecks } from './isolation.js';
import { lifecycleChecks } from './lifecycle.js';
import { pollingChecks } from './polling.js';
import { pushChecks } from './push.js';

export { AREA_2026, type Check2026 } from './check26.js';
export { Context2026, type State2026 } from './context.js';
export { detect2026, speaks2025, type Found2026 } from './detect.js';
export { Client2026 } from './wire.js';

export const V2026_CHECKS: readonly Check2026[] = Object.freeze([
  ...lifecycleChecks,
  ...pollingChecks,
  ...controlChecks,
  ...inputChecks,
  ...isolationChecks,
  ...pushChecks,
]);

/** `checks` as runner checks reading the 2026 state of the run (skipped when there is none). */
export function asRunnerChecks(checks: readonly Check2026[], state: () => State2026 | undefined): Check[] {
  return checks.map((c) => ({
    id: c.id,
    rule: c.rule,
    level: c.level,
    area: c.area,
    title: c.title,
    run: async (ctx): Promise<Outcome> => {
      const s = state();
      if (!s) return skip('the server does not speak the 2026-07-28 Tasks extension');
      const ctx26 = new Context2026(s, ctx.signal);
      try {
        return await c.run(ctx26);
      } finally {
        ctx.run.log.enter(cleanupStep(c.id));
        await ctx26.cleanup();
      }
    },
  }));
}
