/**
 * TTL and timestamps: R32, R33, R35 on every Task of the run, expiry (R37, R71), a long ttl kept
 * (R35, R36), and the timestamps over a task's life (R32, R33, A7).
 */
import { fail, inconclusive, pass, skip, SkipCheck, warn } from '../../core/check.js';
import { check, type Check } from '../check.js';
import { describe, isError, type CheckContext } from '../context.js';
import type { Sighting } from '../session.js';
import { fieldProblem, type TaskField } from '../task-shape.js';

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

/**
 * 30 days: beyond 2^31 - 1 ms (24.8 days), the most a Node timer can wait. A store that schedules
 * each task's deletion with setTimeout(ttl) deletes such a task at once (Node fires an overflowing
 * timer after 1 ms): the SDK's InMemoryTaskStore loses a 30-day task within milliseconds.
 */
const LONG_TTL_MS = 30 * 24 * 3_600_000;
/** How long after its creation the long-ttl task is read back. */
const READ_BACK_MS = 1_000;

/** When, as a fraction of its ttl, the task is read before it may expire. */
const BEFORE_FRACTION = 0.4;

/** A quick task with a requested ttl of 1 s, read at 40 % of its ttl, then 300 ms and 1300 ms after it expired. */
function expiryProbe(ctx: CheckContext) {
  return ctx.memo('ttl.expiry', async () => {
    const call = ctx.quickTool();
    const a = await ctx.a();
    const { taskId, task } = ctx.needTask(await ctx.createTask(a, call, { ttl: 1_000 }), call);
    const ttl = task.ttl;
    if (typeof ttl !== 'number') throw new SkipCheck(`the server chose ttl ${JSON.stringify(ttl)} for a requested 1000 ms`);
    if (ttl > 3_000) throw new SkipCheck(`the server chose ttl ${ttl} ms for a requested 1000 ms (too long to wait for)`);
    const createdAt = Date.parse(String(task.createdAt));
    const start = Number.isNaN(createdAt) ? Date.now() : createdAt;
    const expiresAt = start + ttl;
    await ctx.sleep(Math.max(start + ttl * BEFORE_FRACTION - Date.now(), 0));
    const before = await a.call('tasks/get', { taskId });
    await ctx.sleep(Math.max(expiresAt + 300 - Date.now(), 0));
    const first = await a.call('tasks/get', { taskId });
    let second = first;
    if (first.kind === 'result') {
      await ctx.sleep(Math.max(expiresAt + 1_300 - Date.now(), 0));
      second = await a.call('tasks/get', { taskId });
    }
    return { ttl, before, first, second };
  });
}

export const ttlChecks: Check[] = [
  check(
    {
      id: 'ttl.expired-task',
      rule: 'R71',
      level: 'MUST',
      area: 'ttl-timestamps',
      title: 'a task is readable before its ttl; after it, either still readable or gone with -32602 (R36, R37, R74)',
    },
    async (ctx) => {
      const { ttl, before, first, second } = await expiryProbe(ctx);
      if (before.kind !== 'result')
        return fail(
          `tasks/get ${Math.round(ttl * BEFORE_FRACTION)} ms into a ttl of ${ttl} ms: ${describe(before)}`,
          'the task: it may be deleted only after its ttl (R36)',
        );
      const gone = [first, second].find((r) => r.kind !== 'result');
      if (!gone) return pass('still readable after its ttl (deletion is allowed, not required)');
      if (isError(gone, -32602)) return pass(`gone: ${JSON.stringify(gone.error.message)}`);
      return fail(
        `tasks/get after the ttl (${ttl} ms) of the task elapsed: ${describe(gone)}`,
        'the task, or JSON-RPC error -32602 (not found / expired)',
      );
    },
  ),
  check(
    {
      id: 'ttl.expired-cleanup',
      rule: 'R38',
      level: 'SHOULD',
      area: 'ttl-timestamps',
      title: 'an expired task is cleaned up promptly (gone 1.3 s after its ttl)',
    },
    async (ctx) => {
      const { ttl, second } = await expiryProbe(ctx);
      if (second.kind !== 'result') return pass();
      return warn(`tasks/get 1300 ms after the ttl (${ttl} ms) elapsed: ${describe(second)}`, 'the expired task deleted promptly (-32602)');
    },
  ),

  check(
    {
      id: 'ttl.long-kept',
      rule: 'R35',
      level: 'MUST',
      area: 'ttl-timestamps',
      title:
        'a task created with a long ttl (30 days, past the 2^31 ms a timer can wait; or the --max-ttl-ms maximum) is still there a moment later: its reported ttl is its actual ttl (R36)',
    },
    async (ctx) => {
      const call = ctx.quickTool();
      const a = await ctx.a();
      const requested = ctx.options.maxTtlMs ?? LONG_TTL_MS;
      const created = await ctx.createTask(a, call, { ttl: requested });
      // Refusing an over-long ttl is limit.max-ttl's subject (R34 lets a server choose its own).
      if (!created.taskId || !created.task)
        return skip(`setup failed: tools/call ${call.name} with ttl ${requested}: ${describe(created.reply)}`);
      const ttl = created.task.ttl;
      await ctx.sleep(READ_BACK_MS);
      const get = await a.call('tasks/get', { taskId: created.taskId });
      const age = Date.now() - created.at;
      if (get.kind === 'result') return pass(`requested ${requested} ms, ttl ${JSON.stringify(ttl)}: still there ${age} ms later`);
      if (typeof ttl === 'number' && ttl <= age)
        return pass(`the server chose a ttl of ${ttl} ms for a requested ${requested} (R34): gone ${age} ms later is allowed`);
      if (get.kind === 'local') return inconclusive(`tasks/get of the task created with ttl ${requested} ms: ${describe(get)}`);
      return fail(
        `tools/call ${call.name} with ttl ${requested} ms answered ttl ${JSON.stringify(ttl)}; ${age} ms later tasks/get: ${describe(get)}`,
        `the task readable for the ttl the server reported (${JSON.stringify(ttl)} ms): the reported ttl is the actual one (R35), and a task may be deleted only after it (R36)`,
      );
    },
  ),
];

/** One task that runs a little, seen in every kind of response (for the checks of values over time). */
function lifeProbe(ctx: CheckContext): Promise<void> {
  return ctx.memo('ttl.life-probe', async () => {
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

/** Sightings grouped by task ID. */
function byTask(sightings: Sighting[]): Map<string, Sighting[]> {
  const map = new Map<string, Sighting[]>();
  for (const s of sightings) if (typeof s.task.taskId === 'string') map.set(s.task.taskId, [...(map.get(s.task.taskId) ?? []), s]);
  return map;
}

const time = (value: unknown) => Date.parse(String(value));

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
