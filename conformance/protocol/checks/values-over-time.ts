/**
 * Timestamps over a task's life (R32, R33, A7): `createdAt` never changes, and `lastUpdatedAt`
 * never goes backwards nor precedes `createdAt`. Judged over every Task seen in the run (these
 * checks run last), after a probe that sees one task working, terminal, listed and read again.
 */
import { fail, pass, skip } from '../../core/check.js';
import { check, type Check } from '../check.js';
import type { CheckContext } from '../context.js';
import type { Sighting } from '../session.js';

/** One task that runs a little, seen in every kind of response. */
function probe(ctx: CheckContext): Promise<void> {
  return ctx.memo('values-over-time.probe', async () => {
    try {
      const a = await ctx.a();
      const call = ctx.slowTool(300);
      const created = await ctx.createTask(a, call);
      if (!created.taskId) return;
      await a.call('tasks/get', { taskId: created.taskId });
      await ctx.pollTerminal(a, created.taskId, 5_000);
      if (ctx.declares('list')) await a.call('tasks/list', {});
      await a.call('tasks/get', { taskId: created.taskId });
    } catch {
      // no slow tool: judge what the run has seen
    }
  });
}

function byTask(sightings: Sighting[]): Map<string, Sighting[]> {
  const map = new Map<string, Sighting[]>();
  for (const s of sightings) if (typeof s.task.taskId === 'string') map.set(s.task.taskId, [...(map.get(s.task.taskId) ?? []), s]);
  return map;
}

const time = (value: unknown) => Date.parse(String(value));

export const valuesOverTimeChecks: Check[] = [
  check(
    { id: 'ts.created-at-stable', rule: 'R32', level: 'MUST', area: 'ttl-timestamps', title: "a task's createdAt is the same in every response about it" },
    async (ctx) => {
      await probe(ctx);
      const tasks = byTask(ctx.sightings());
      if (!tasks.size) return skip('no task was seen in this run');
      for (const [taskId, list] of tasks) {
        const values = [...new Set(list.map((s) => String(s.task.createdAt)))];
        if (values.length > 1) return fail(`task ${taskId}: createdAt ${values.slice(0, 3).join(', ')} (${list.map((s) => s.source).join(', ')})`, 'one createdAt for the life of the task');
      }
      return pass(`${tasks.size} tasks`);
    },
  ),

  check(
    { id: 'ts.last-updated-monotonic', rule: 'R33', level: 'MUST', area: 'ttl-timestamps', title: 'lastUpdatedAt never precedes createdAt and never goes backwards' },
    async (ctx) => {
      await probe(ctx);
      const tasks = byTask(ctx.sightings());
      if (!tasks.size) return skip('no task was seen in this run');
      for (const [taskId, list] of tasks) {
        const early = list.find((s) => time(s.task.lastUpdatedAt) < time(s.task.createdAt));
        if (early) return fail(`task ${taskId} (${early.source}): lastUpdatedAt ${String(early.task.lastUpdatedAt)} before createdAt ${String(early.task.createdAt)}`, 'lastUpdatedAt >= createdAt');
        // Only responses to requests sent after an earlier sighting arrived are causally later.
        for (const later of list) {
          const earlier = list.find((s) => later.sentAt !== undefined && s.at < later.sentAt && time(s.task.lastUpdatedAt) > time(later.task.lastUpdatedAt));
          if (earlier) return fail(`task ${taskId}: lastUpdatedAt ${String(earlier.task.lastUpdatedAt)} (${earlier.source}), then ${String(later.task.lastUpdatedAt)} (${later.source})`, 'lastUpdatedAt never goes backwards');
        }
      }
      return pass(`${tasks.size} tasks`);
    },
  ),
];
