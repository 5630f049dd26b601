/**
 * TTL and timestamps: R32, R33, R35 on every Task of the run, and the timestamps over a task's
 * life (R32, R33, A7); ttl.ts: expiry (R37, R71) and a long ttl kept (R35, R36); expiry.ts: what
 * expiry changes beyond tasks/get.
 */
import { fail, pass, skip } from '../../../core/check.js';
import { isTerminalStatus } from '../../../core/wire.js';
import { check, type Check } from '../../check.js';
import type { CheckContext } from '../../context.js';
import type { Sighting } from '../../session.js';
import { fieldProblem, type TaskField } from '../../task-shape.js';

export { expiryChecks } from './expiry.js';
export { ttlChecks } from './ttl.js';

/** Make sure every kind of task response has been seen at least once, then return them all. */
function allSightings(ctx: CheckContext): Promise<Sighting[]> {
  return ctx.memo('ttl.sightings', async () => {
    try {
      const a = await ctx.a();
      const call = ctx.quickTool();
      const created = await ctx.createTask(a, call, { ttl: 60_000 });
      if (created.taskId) {
        await ctx.pollTerminal(a, created.taskId, 3_000);
        if (ctx.declares('list')) await a.call('tasks/list', {});
      }
      if (ctx.declares('cancel')) {
        const slow = ctx.slowTool(10_000);
        const s = await ctx.createTask(a, slow);
        if (s.taskId) await a.call('tasks/cancel', { taskId: s.taskId });
      }
    } catch {
      // judge what has been seen
    }
    return ctx.sightings();
  });
}

function fieldCheck(id: string, rule: string, field: TaskField, title: string, expected: string, onlyGet = false): Check {
  return check({ id, rule, level: 'MUST', area: 'ttl-timestamps', title }, async (ctx) => {
    const sightings = (await allSightings(ctx)).filter((s) => !onlyGet || s.source === 'tasks/get');
    if (!sightings.length) return skip(onlyGet ? 'no tasks/get response was seen' : 'no task was seen in this run');
    const bad = sightings.map((s) => ({ s, problem: fieldProblem(s.task, field) })).filter((x) => x.problem);
    if (bad.length) {
      const sources = [...new Set(bad.map((x) => x.s.source))].join(', ');
      return fail(`${bad.length} of ${sightings.length} Tasks (${sources}): ${bad[0]!.problem}`, expected);
    }
    const sources = [...new Set(sightings.map((s) => s.source))];
    return pass(`${sightings.length} Tasks from ${sources.join(', ')}`);
  });
}

/** One task that runs a little, seen in every kind of response (for the checks of values over time). */
function lifeProbe(ctx: CheckContext): Promise<void> {
  return ctx.memo('ttl.life-probe', async () => {
    try {
      const a = await ctx.a();
      // Long enough to be seen working over a second (ts.last-updated-moves).
      const call = ctx.slowTool(1_500);
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

/** Sightings grouped by task ID. */
function byTask(sightings: Sighting[]): Map<string, Sighting[]> {
  const map = new Map<string, Sighting[]>();
  for (const s of sightings) if (typeof s.task.taskId === 'string') map.set(s.task.taskId, [...(map.get(s.task.taskId) ?? []), s]);
  return map;
}

const time = (value: unknown) => Date.parse(String(value));
/** How long a task must be seen living before its ended lastUpdatedAt must differ from createdAt (second precision allowed). */
const LIVED_MS = 1_100;

/** Whole-run checks; they run last so they see every Task of the run. */
export const ttlFinalChecks: Check[] = [
  fieldCheck(
    'ttl.in-get',
    'R35',
    'ttl',
    'tasks/get responses include the actual ttl (ms, or null for unlimited)',
    'ttl present: an integer number of ms or null',
    true,
  ),
  fieldCheck(
    'ttl.in-every-task',
    'R35',
    'ttl',
    'every Task on the wire (create, list, cancel, notifications) includes ttl (schema, A6)',
    'ttl present: an integer number of ms or null',
  ),
  fieldCheck(
    'ts.created-at',
    'R32',
    'createdAt',
    'every Task on the wire includes createdAt as an ISO 8601 (RFC 3339) timestamp',
    'createdAt like 2025-11-25T10:30:00Z',
  ),
  fieldCheck(
    'ts.last-updated-at',
    'R33',
    'lastUpdatedAt',
    'every Task on the wire includes lastUpdatedAt as an ISO 8601 (RFC 3339) timestamp',
    'lastUpdatedAt like 2025-11-25T10:30:00Z',
  ),

  // Timestamps over a task's life (R32, R33, A7): `createdAt` never changes, and `lastUpdatedAt`
  // never goes backwards nor precedes `createdAt`. Judged over every Task seen in the run (these
  // checks run last), after a probe that sees one task working, terminal, listed and read again.
  check(
    {
      id: 'ts.created-at-stable',
      rule: 'R32',
      level: 'MUST',
      area: 'ttl-timestamps',
      title: "a task's createdAt is the same in every response about it",
    },
    async (ctx) => {
      await lifeProbe(ctx);
      const tasks = byTask(ctx.sightings());
      if (!tasks.size) return skip('no task was seen in this run');
      for (const [taskId, list] of tasks) {
        const values = [...new Set(list.map((s) => String(s.task.createdAt)))];
        if (values.length > 1)
          return fail(
            `task ${taskId}: createdAt ${values.slice(0, 3).join(', ')} (${list.map((s) => s.source).join(', ')})`,
            'one createdAt for the life of the task',
          );
      }
      return pass(`${tasks.size} tasks`);
    },
  ),

  check(
    {
      id: 'ts.last-updated-moves',
      rule: 'R33',
      level: 'MUST',
      area: 'ttl-timestamps',
      title: 'a task seen working for over a second and then ended has a lastUpdatedAt later than its createdAt',
    },
    async (ctx) => {
      await lifeProbe(ctx);
      const tasks = byTask(ctx.sightings());
      let judged = 0;
      for (const [taskId, list] of tasks) {
        // By the kit's clock the task lived at least (last working sighting - first sighting): its
        // terminal write is that much after its creation, a second or more, whatever the precision.
        const first = list[0]!;
        const working = list.filter((s) => s.task.status === 'working').at(-1);
        const ended = list.find((s) => isTerminalStatus(s.task.status) && (working === undefined || s.at > working.at));
        if (!working || !ended || working.at - first.at < LIVED_MS) continue;
        judged++;
        if (time(ended.task.lastUpdatedAt) <= time(ended.task.createdAt)) {
          return fail(
            `task ${taskId} was working ${working.at - first.at} ms after it was first seen, then ${String(ended.task.status)} (${ended.source}) with lastUpdatedAt ${String(ended.task.lastUpdatedAt)}, createdAt ${String(ended.task.createdAt)}`,
            'lastUpdatedAt: when the task was last updated, so later than createdAt once its status changed a second or more after creation',
          );
        }
      }
      return judged
        ? pass(`${judged} tasks that lived over ${LIVED_MS} ms`)
        : skip(`no task was seen working ${LIVED_MS} ms after it was first seen and then ended`);
    },
  ),

  check(
    {
      id: 'ts.last-updated-monotonic',
      rule: 'R33',
      level: 'MUST',
      area: 'ttl-timestamps',
      title: 'lastUpdatedAt never precedes createdAt and never goes backwards',
    },
    async (ctx) => {
      await lifeProbe(ctx);
      const tasks = byTask(ctx.sightings());
      if (!tasks.size) return skip('no task was seen in this run');
      for (const [taskId, list] of tasks) {
        const early = list.find((s) => time(s.task.lastUpdatedAt) < time(s.task.createdAt));
        if (early)
          return fail(
            `task ${taskId} (${early.source}): lastUpdatedAt ${String(early.task.lastUpdatedAt)} before createdAt ${String(early.task.createdAt)}`,
            'lastUpdatedAt >= createdAt',
          );
        // Only responses to requests sent after an earlier sighting arrived are causally later.
        for (const later of list) {
          const earlier = list.find(
            (s) => later.sentAt !== undefined && s.at < later.sentAt && time(s.task.lastUpdatedAt) > time(later.task.lastUpdatedAt),
          );
          if (earlier)
            return fail(
              `task ${taskId}: lastUpdatedAt ${String(earlier.task.lastUpdatedAt)} (${earlier.source}), then ${String(later.task.lastUpdatedAt)} (${later.source})`,
              'lastUpdatedAt never goes backwards',
            );
        }
      }
      return pass(`${tasks.size} tasks`);
    },
  ),
];
