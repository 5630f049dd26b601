/**
 * The engine's takeover wiring: its `Takeover` (takeover.ts) on the engine's store, side channel,
 * lease holder name and resumers, whose taken-over task is adopted as one of the engine's
 * executions (its remaining time by the store's clock, the new lease under the engine's name).
 */
import { clockOf } from '../../clock.js';
import type { TaskEngine } from './engine.js';
import type { Executions } from './executions.js';
import { Takeover, type Resumer } from './takeover.js';

/** The engine's own parts the takeover uses beside its public ones. */
export interface TakeoverParts {
  /** The engine's resumers (`addResumer`), as they are when a task is taken over. */
  resumers: Iterable<Resumer>;
  executions: Executions;
}

export function engineTakeover(engine: TaskEngine, parts: TakeoverParts): Takeover {
  const { store, instanceId } = engine;
  return new Takeover({
    store,
    side: engine.side,
    holder: instanceId,
    leaseMs: engine.leaseMs,
    logger: engine.logger,
    resumers: () => parts.resumers,
    running: (taskId) => parts.executions.has(taskId),
    adopt: (owner, task, { work, peer }, leaseMs) => {
      const expiresInMs = task.expiresAt === null ? null : task.expiresAt - clockOf(store).now();
      const lease = leaseMs === undefined ? undefined : { holder: instanceId, ms: leaseMs };
      return parts.executions.adopt(
        owner,
        task.taskId,
        work,
        { status: task.status, expiresInMs, ...(lease && { lease }), ...(peer && { peer }) },
        task,
        true,
      );
    },
  });
}
