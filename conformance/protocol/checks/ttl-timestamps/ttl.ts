/**
 * A task's ttl as tasks/get sees it: the task readable before its ttl and, after it, still there or
 * gone with -32602, cleaned up promptly (R71, R36, R37, R38); a long ttl (30 days, past what a
 * timer can wait) kept as reported (R35, R36).
 */
import { fail, inconclusive, pass, skip, SkipCheck, warn } from '../../../core/check.js';
import { check, type Check } from '../../check.js';
import { describe, isError, type CheckContext } from '../../context.js';

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
